// Cutting long labels to a width, marking the cut with an ellipsis (one character wide).

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
