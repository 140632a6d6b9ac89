// The few lines of script that sort a report table by the column whose header is clicked (again: the other
// way). Cells sort by their data-sort key, as numbers when both keys are numbers; equal keys keep their order.
// Without script the table stays in the order it was written, which is already meaningful.
export const SORT_SCRIPT = `
for (const table of document.querySelectorAll('table.sortable')) {
  const heads = [...table.tHead.rows[0].cells];
  heads.forEach((th, col) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.append(...th.childNodes);
    th.append(button);
    button.addEventListener('click', () => {
      const dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      for (const h of heads) h.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
      const key = (tr) => tr.cells[col].dataset.sort ?? tr.cells[col].textContent;
      const compare = (a, b) => {
        const x = key(a), y = key(b);
        const numbers = x !== '' && y !== '' && !isNaN(x) && !isNaN(y);
        return numbers ? Number(x) - Number(y) : x.localeCompare(y);
      };
      const body = table.tBodies[0];
      body.append(...[...body.rows].sort((a, b) => dir * compare(a, b)));
    });
  });
}
`;
