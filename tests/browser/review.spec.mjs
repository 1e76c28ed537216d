// Works through the review page as an auditor would, in Debian's chromium: open the queue, open a form, move
// between findings with the keyboard, dismiss one with a reason, correct a misread figure and read what changed.
// Started by ReviewBrowserTests (C#), which made the store and checks it afterwards; prints one JSON line of what
// it saw and did. Usage: node review.spec.mjs BASE_URL HOSTILE_FORM_ID [SCREENSHOT_DIR]
import { chromium } from 'playwright-core';

const [base, hostileFormId, shots] = process.argv.slice(2);
const seen = { steps: [] };
const check = (ok, what) => { seen.steps.push(what); if (!ok) throw new Error('failed: ' + what); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });

  // The queue: counts; the form's own discrepancies before suspected misreadings, material first, then most severe.
  await page.goto(base + '/');
  const counts = await page.textContent('#counts');
  check(/共 \d+ 条/.test(counts), 'queue shows counts');
  const rank = { '错误': 0, '警告': 1, '提示': 2 };
  const keys = await page.$$eval('tr.finding-row', (trs) => trs.map((tr) => [
    tr.querySelector('span.ocr-suspect') ? 1 : 0, tr.querySelector('span.material') ? 0 : 1, tr.querySelector('td.sev').textContent]));
  const before = (a, b) => a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : rank[a[2]] <= rank[b[2]];
  check(keys.length > 0 && keys.every((k, i) => i === 0 || before(keys[i - 1], k)), 'queue ordered by materiality and severity');
  if (shots) await page.screenshot({ path: `${shots}/queue.png` });

  // Filter by rule through the form's select.
  await page.selectOption('select[name=rule]', 'execution-rate');
  await Promise.all([page.waitForURL(/rule=execution-rate/), page.click('form.filters button[type=submit]')]);
  const rules = await page.$$eval('tr.finding-row a.open-finding', (as) => [...new Set(as.map((a) => a.textContent))]);
  check(rules.length === 1 && rules[0] === '预算执行率不符', 'filter by rule');

  // Open a form from the queue with the keyboard: j selects the first row, Enter opens it.
  await page.keyboard.press('j');
  await Promise.all([page.waitForURL(/\/forms\/\d+/), page.keyboard.press('Enter')]);
  const findings = await page.$$('article.finding');
  check(findings.length > 0, 'form page lists findings');
  check(await page.$('table.form-table .flagged') !== null, 'flagged cells highlighted');
  const current0 = await page.$eval('article.finding.current', (a) => a.id);
  check(current0.length > 0, 'a finding is selected on arrival');
  if (findings.length > 1) {
    await page.keyboard.press('j');
    const current1 = await page.$eval('article.finding.current', (a) => a.id);
    check(current1 !== current0, 'j moves to the next finding');
    await page.keyboard.press('k');
    check(await page.$eval('article.finding.current', (a) => a.id) === current0, 'k moves back');
  }
  const cellOfCurrent = await page.$eval('article.finding.current', (a) => a.dataset.field);
  check(await page.$(`[id="cell-${cellOfCurrent}"].current-cell`) !== null, 'the current finding points at its cell');
  // The flagged figure is marked in its source line, and the box scrolled so it shows (a TSV line is wider than the box).
  const marks = await page.$$eval('pre.source', (pres) => pres.filter((p) => p.querySelector('mark') && p.clientWidth > 0).map((p) => {
    const m = p.querySelector('mark').getBoundingClientRect();
    const b = p.getBoundingClientRect();
    return m.left >= b.left - 1 && m.right <= b.right + 1;
  }));
  check(marks.length > 0 && marks.every((inside) => inside), 'every flagged figure is marked and in view in its source box');
  if (shots) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${shots}/form.png` });
  }

  // Dismiss the selected finding with a reason, by keyboard: d, type, Enter.
  const dismissed = current0;
  await page.fill('#reviewer', '审计员甲');
  await page.dispatchEvent('#reviewer', 'change');
  await page.focus(`#${dismissed}`);
  await page.keyboard.press('d');
  await page.keyboard.type('与原件核对，执行率按四舍五入填报，不构成问题');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  check((await page.textContent(`#${dismissed} .status`)) === '已驳回', 'dismissed finding shows as dismissed');
  check((await page.textContent('#history')).includes('审计员甲'), 'history names the reviewer');

  // n keeps to the queue's filter: from a form reached through 预算执行率不符, the next form has such a finding too.
  check(await page.$('#next-form') !== null, 'the store holds a next form the filter matches');
  {
    const here = new URL(page.url()).pathname;
    await Promise.all([page.waitForURL((url) => url.pathname !== here && /(^|&|\?)rule=execution-rate/.test(url.search)), page.keyboard.press('n')]);
    const rulesThere = await page.$$eval('article.finding h3', (hs) => hs.map((h) => h.textContent));
    check(rulesThere.some((r) => r.includes('预算执行率不符')), 'n goes to the next form the filter matches');
  }

  // The hostile form: its source holds <script> and <img onerror>; they must show as text.
  await page.goto(`${base}/forms/${hostileFormId}`);
  const sourceText = await page.textContent('body');
  check(sourceText.includes('<script>window.__xss=1</script>'), 'script tag of the source shown as text');
  check(await page.evaluate(() => window.__xss === undefined), 'no script of the form ran');

  // The 总分 finding comes from the first indicator's 得分 misread as 1.0 for 10: on that finding, a click on the
  // misread cell of the table makes it the field to correct, with its value selected; type the right one, Enter.
  const target = await page.$('article.finding[data-field="totalScore"]');
  check(target !== null, 'hostile form has a total-score finding');
  const targetId = await target.getAttribute('id');
  await page.focus(`#${targetId}`);
  await page.click('[id="cell-indicators[0].score"]');
  check(await page.inputValue(`#${targetId} form.correct input.field`) === 'indicators[0].score', 'a click on a cell picks the field to correct');
  // e, as the help says, edits the corrected value: right after the click it must not type an "e" over the figure.
  const picked = await page.inputValue(`#${targetId} form.correct input.value`);
  await page.keyboard.press('e');
  check(await page.inputValue(`#${targetId} form.correct input.value`) === picked, 'e after a click on a cell edits the value and types no "e"');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('10');
  await Promise.all([page.waitForURL(/changed=\d+/), page.keyboard.press('Enter')]);
  const outcome = await page.textContent('#outcome');
  check(outcome.includes('1.0 → 10'), 'outcome shows original and corrected value');
  check(/复查后消除的问题：[1-9]/.test(outcome), 'outcome lists findings the correction resolved');
  check(await page.evaluate(() => window.__xss === undefined), 'still no script of the form ran');
  if (shots) await page.screenshot({ path: `${shots}/correction.png`, fullPage: false });

  // For the README: a scanned form, its evidence a crop of the page around the cell.
  if (shots) {
    await page.goto(base + '/?year=2022');
    const scan = await page.$$eval('tr.finding-row', (rows) => rows.find((r) => r.textContent.includes('窗口业务管理'))?.dataset.href);
    if (scan) {
      await page.goto(base + scan);
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${shots}/scan-form.png` });
    }
  }

  seen.dismissedFinding = Number(dismissed.replace('finding-', ''));
  seen.correctedFinding = Number(targetId.replace('finding-', ''));
  seen.dialogs = dialogs;
  console.log(JSON.stringify(seen));
} finally {
  await browser.close();
}
