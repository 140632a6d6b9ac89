// Cutting long labels to a width, marking the cut with an ellipsis (one character wide), and wrapping prose.

/** Keeps the head: for mappings, whose outermost (DRAM) part is least important on screen. */
export function shortenEnd(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(max - 1, 0))}\u2026`;
}

/** Keeps head and tail: for layer names, which often differ only at the end ("..._reduce", "..._branch2c"). */
export function shortenMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) / 2);
  const tail = Math.max(max - 1 - head, 0);
  return `${text.slice(0, head)}\u2026${tail > 0 ? text.slice(text.length - tail) : ''}`;
}

/** `text` in lines of at most `width` characters, broken after "; " where possible, else at spaces. */
export function wrapProse(text: string, width: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const cut = [rest.lastIndexOf('; ', width - 1), rest.lastIndexOf(' ', width)].find((i) => i > 0);
    if (cut === undefined) break;
    const semi = rest[cut] === ';';
    out.push(rest.slice(0, semi ? cut + 1 : cut));
    rest = rest.slice(semi ? cut + 2 : cut + 1);
  }
  return [...out, rest];
}
