// What the terminal allows: colour (a terminal, and NO_COLOR unset or empty, as no-color.org asks), its width
// (tables fit it), and a status line that a long step rewrites in place (nothing when stderr is not a terminal).

/** Whether to style text for `stream` with ANSI codes. */
export function useColor(stream: { readonly isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

/**
 * The columns of the terminal `stream` writes to (or $COLUMNS where the terminal does not say: a pseudo-terminal
 * without a size reports 0), undefined when it is not a terminal (a file, a pipe).
 */
export function terminalWidth(
  stream: { readonly isTTY?: boolean; readonly columns?: number } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): number | undefined {
  if (stream.isTTY !== true) return undefined;
  if (typeof stream.columns === 'number' && stream.columns > 0) return stream.columns;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}

export interface StatusLine {
  /** Replaces the line's text. */
  show(text: string): void;
  /** Removes the line (before the results are printed). */
  clear(): void;
}

/** A one-line status on `stream` when it is a terminal and `enabled`; otherwise a status that prints nothing. */
export function statusLine(enabled: boolean, stream: NodeJS.WriteStream = process.stderr): StatusLine {
  if (!enabled || !stream.isTTY) return { show() {}, clear() {} };
  let shown = false;
  return {
    show(text) {
      // Cut to the width: a line that wraps can no longer be rewritten in place.
      const width = terminalWidth(stream);
      stream.write(`\r${width !== undefined && text.length >= width ? `${text.slice(0, width - 2)}\u2026` : text}\x1b[K`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
