// The stylesheet of report.html: system fonts only (nothing to fetch), numbers right-aligned in tabular
// figures, plots scaled down to the page's width.
export const REPORT_STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1120px; padding: 0 1rem; color: #222; line-height: 1.4; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
.lead { color: #444; }
table { border-collapse: collapse; font-size: 0.9rem; margin: 0.5rem 0; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.best td:nth-child(3) { min-width: 12em; }
table.params td:first-child { color: #555; white-space: nowrap; }
pre { background: #f6f6f6; padding: 0.5rem; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.85rem; }
th button { font: inherit; font-weight: bold; background: none; border: 0; padding: 0; cursor: pointer; text-align: left; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
figure { margin: 1rem 0 2rem; }
figure svg { width: 100%; max-width: 960px; height: auto; }
figcaption { color: #555; font-size: 0.9rem; }
ul.invalid > li > p { margin: 0.3rem 0; }
`;
