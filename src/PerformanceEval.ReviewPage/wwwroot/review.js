// The review page's keyboard: j/k (or ↓/↑) move between findings, c confirms, d and e go to the dismiss reason and
// the corrected value, n/p go to the next/previous form with findings to decide, q to the queue. The pages work
// without this script; it only adds the keys, remembers the reviewer's name and points at the finding's cell.
(() => {
  'use strict';
  const reviewer = document.getElementById('reviewer');
  const saved = localStorage.getItem('perfeval.reviewer');
  if (reviewer && saved) reviewer.value = saved;
  reviewer?.addEventListener('change', () => localStorage.setItem('perfeval.reviewer', reviewer.value.trim()));
  document.addEventListener('submit', (e) => {
    for (const input of e.target.querySelectorAll('.decided-by')) input.value = reviewer ? reviewer.value.trim() : '';
  });

  // A source line is wider than its box and the flagged figure is often its last cell: scroll each box to its mark.
  function showMarks() {
    for (const pre of document.querySelectorAll('pre.source')) {
      const mark = pre.querySelector('mark');
      if (!mark || pre.clientWidth === 0) continue;
      const left = mark.offsetLeft - pre.offsetLeft;
      if (left + mark.offsetWidth > pre.scrollLeft + pre.clientWidth || left < pre.scrollLeft)
        pre.scrollLeft = Math.max(0, left - pre.clientWidth / 3);
    }
  }
  showMarks();
  window.addEventListener('resize', showMarks);

  const items = [...document.querySelectorAll('article.finding, tr.finding-row')];
  let current = -1;

  function select(i) {
    if (items.length === 0) return;
    current = Math.max(0, Math.min(items.length - 1, i));
    for (const item of items) item.classList.remove('current');
    const item = items[current];
    item.classList.add('current');
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: 'nearest' });
    for (const cell of document.querySelectorAll('.current-cell')) cell.classList.remove('current-cell');
    const field = item.dataset.field;
    if (field) document.getElementById('cell-' + field)?.classList.add('current-cell');
    // The same field's cell in the table as it was read: where the figure stood in the source.
    if (field) for (const cell of document.querySelectorAll('table.read-table [data-fields]'))
      if (cell.dataset.fields.split(' ').some((f) => f === field || f.startsWith(field + '.'))) cell.classList.add('current-cell');
  }

  for (const [i, item] of items.entries()) {
    item.addEventListener('focusin', () => { if (current !== i) select(i); });
    if (item.dataset.href) item.addEventListener('click', (e) => { if (!e.target.closest('a')) location.href = item.dataset.href; });
  }

  // A click on a cell of the reconstructed table makes it the field the current finding's correction is for:
  // a total that does not add up is corrected in the row that was misread, not in the total.
  for (const cell of document.querySelectorAll('table.form-table [data-field]')) {
    cell.addEventListener('click', () => {
      const item = current >= 0 ? items[current] : null;
      const form = item?.querySelector('form.correct');
      if (!form) return;
      form.querySelector('input.field').value = cell.dataset.field;
      const value = form.querySelector('input.value');
      value.value = cell.textContent.trim();
      value.dataset.fromCell = '1';
      value.focus();
      value.select();
    });
  }

  const fromHash = location.hash.startsWith('#finding-') ? items.findIndex((x) => '#' + x.id === location.hash) : -1;
  const firstPending = items.findIndex((x) => x.classList.contains('status-pending'));
  if (fromHash >= 0) select(fromHash);
  else if (document.querySelector('article.finding') && firstPending >= 0) select(firstPending);

  function go(id) { const a = document.getElementById(id); if (a) location.href = a.href; }

  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const typing = e.target.closest('input, select, textarea');
    if (typing) {
      if (e.key === 'Escape') { typing.blur(); if (current >= 0) items[current].focus({ preventScroll: true }); }
      // e is "edit the corrected value" (the help says so): right after a click on a cell has put the cell's value in
      // the box, it puts the caret at the end instead of typing over the value.
      else if (e.key === 'e' && typing.dataset.fromCell === '1') {
        e.preventDefault();
        typing.setSelectionRange(typing.value.length, typing.value.length);
      }
      if (typing.dataset.fromCell === '1' && e.key !== 'Shift') delete typing.dataset.fromCell;
      return;
    }
    const item = current >= 0 ? items[current] : null;
    switch (e.key) {
      case 'j': case 'ArrowDown': select(current + 1); break;
      case 'k': case 'ArrowUp': select(current - 1); break;
      case 'Enter': if (item?.dataset.href) location.href = item.dataset.href; else return; break;
      case 'c': item?.querySelector('form.confirm')?.requestSubmit(); break;
      case 'd': item?.querySelector('form.dismiss input.reason')?.focus(); break;
      case 'e': item?.querySelector('form.correct input.value')?.focus(); break;
      case 'n': go('next-form'); break;
      case 'p': go('prev-form'); break;
      case 'q': location.href = '/'; break;
      default: return;
    }
    e.preventDefault();
  });
})();
