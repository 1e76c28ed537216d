// The auditor's desk in Debian's chromium, with sign-in on: sign in → the queue sorted by the yuan at stake → the
// findings of one rule confirmed at once → a form signed off with an opinion → the summary downloaded as .xlsx → the
// form printed to PDF as a working paper. Started by ReviewDeskBrowserTests (C#), which made the store (one reviewer
// registered), and which reads the workbook and the PDF back. Usage: node desk.spec.mjs BASE_URL OUT_DIR
import { chromium } from 'playwright-core';

const [base, out] = process.argv.slice(2);
const seen = { steps: [] };
const check = (ok, what) => { seen.steps.push(what); if (!ok) throw new Error('failed: ' + what); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();

  // Sign in: the queue asks for it first.
  await page.goto(base + '/?sort=amount');
  check(page.url().includes('/login'), 'the queue asks to sign in');
  await page.fill('input[name=name]', '审计员甲');
  await page.fill('input[name=password]', 'correct horse battery');
  await Promise.all([page.waitForURL(/sort=amount/), page.click('form.login button[type=submit]')]);
  check((await page.textContent('#signed-in')) === '审计员甲', 'signed in by name');

  // Sorted by the yuan at stake: most first.
  const amounts = await page.$$eval('tr.finding-row td.amount', (tds) => tds.map((t) => t.textContent.replace(/,/g, '')).filter((t) => t !== '').map(Number));
  check(amounts.length >= 2 && amounts.every((a, i) => i === 0 || amounts[i - 1] >= a), 'queue sorted by amount');

  // One cause, one decision: every pending 预算执行率不符 confirmed at once.
  await page.goto(base + '/?rule=execution-rate');
  const bulk = await page.textContent('#bulk h2');
  seen.bulk = Number(/(\d+)/.exec(bulk)[1]);
  await Promise.all([page.waitForNavigation(), page.click('form.bulk-confirm button')]);
  check((await page.$$eval('tr.finding-row td.status', (tds) => tds.map((t) => t.textContent))).every((s) => s === '已确认'), 'the rule\'s findings confirmed at once');

  const formUrl = await page.$eval('tr.finding-row', (tr) => tr.dataset.href.split('#')[0]);

  // One cause, one line: a form's breakdown that fails in several columns is one queue row, confirmed at once.
  await page.goto(base + '/');
  const grouped = await page.$eval('tr.finding-row.status-pending:has(span.cause)', (tr) => ({
    href: tr.dataset.href, rule: tr.querySelector('a.open-finding').textContent,
    n: Number(/(\d+)/.exec(tr.querySelector('span.cause').textContent)[1]) }));
  await page.goto(base + grouped.href);
  const leader = grouped.href.split('#')[1];
  await Promise.all([page.waitForNavigation(), page.click(`#${leader} form.confirm button`)]);
  seen.grouped = grouped.n;
  const followers = await page.$$eval('article.finding', (as, rule) => as.filter((a) => (a.querySelector('p.cause')?.textContent ?? '').includes(rule))
    .map((a) => a.classList.contains('status-confirm')), grouped.rule);
  check(grouped.n >= 2 && followers.length === grouped.n - 1 && followers.every((c) => c), 'a grouped finding confirmed at once');

  // A form whose findings are all decided now: signed off with an opinion.
  await page.goto(base + formUrl);
  // A confirmation may decide a cause's followers with it: confirm while anything is still to decide.
  while (await page.$('article.finding.status-pending form.confirm button'))
    await Promise.all([page.waitForNavigation(), page.click('article.finding.status-pending form.confirm button')]);
  await page.fill('form.signoff textarea', '执行率填报误差已确认，其余与原件相符。');
  await Promise.all([page.waitForNavigation(), page.click('form.signoff button.do-signoff')]);
  check((await page.textContent('#signoff .signed')).includes('已审结 · 审计员甲'), 'form signed off by the reviewer signed in');
  seen.signedForm = Number(/\/forms\/(\d+)/.exec(formUrl)[1]);

  // The summary, downloaded as a workbook.
  await page.goto(base + '/report');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#report-xlsx')]);
  await download.saveAs(`${out}/summary.xlsx`);

  // The working paper: the signed form printed to PDF.
  await page.goto(base + formUrl);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: `${out}/working-paper.pdf`, format: 'A4' });

  console.log(JSON.stringify(seen));
} finally {
  await browser.close();
}
