// Writing HTML by hand, safely: every piece of text from an input (a hardware path, a reason, a parameter)
// goes through `esc`, so a name with "<" or "&" stays text and cannot become markup.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an element's content or a quoted attribute value. */
export const esc = (text: string | number): string => String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);

/** `<tag attrs>inner</tag>`; attribute values are escaped here, `inner` must already be HTML. */
export function tag(name: string, attrs: Readonly<Record<string, string | number | undefined>>, inner: string): string {
  const list = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(v!)}"`)
    .join('');
  return `<${name}${list}>${inner}</${name}>`;
}

/** A table cell whose text is shown and whose `sort` key (a number, or text) orders the column. */
export interface Cell {
  readonly text: string;
  readonly sort?: string | number;
  readonly numeric?: boolean;
  /** Emphasized (e.g. the value a row is best in). */
  readonly strong?: boolean;
}

/** A table; `sortable` marks it for the page's sorting script (the table reads the same without it). */
export function table(className: string, headers: readonly string[], rows: readonly (readonly Cell[])[], sortable = false): string {
  const head = tag('thead', {}, tag('tr', {}, headers.map((h) => tag('th', { scope: 'col' }, esc(h))).join('')));
  const body = tag(
    'tbody',
    {},
    rows
      .map((r) =>
        tag(
          'tr',
          {},
          r
            .map((c) =>
              tag(
                'td',
                { class: c.numeric ? 'num' : undefined, 'data-sort': c.sort },
                c.strong ? tag('strong', {}, esc(c.text)) : esc(c.text),
              ),
            )
            .join(''),
        ),
      )
      .join('\n'),
  );
  return tag('table', { class: sortable ? `${className} sortable` : className }, `${head}\n${body}`);
}
