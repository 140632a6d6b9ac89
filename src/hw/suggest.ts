// "Did you mean ...?" for misspelled keys and references: the closest candidate, if it is close enough to be
// a plausible typo rather than a different word.

/** Edits (insert, delete, substitute, swap two neighbours) from a to b, ignoring case. */
function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[x.length][y.length];
}

/**
 * The best candidate for `name`: one ending in `.name` (a path written without its prefix), else one starting
 * with it (`clock` for `clockMHz`), else the nearest by edit distance.
 */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  const bySuffix = candidates.find((c) => c.endsWith(`.${name}`));
  if (bySuffix !== undefined) return bySuffix;
  const byPrefix = name.length >= 3 ? candidates.find((c) => c.startsWith(name)) : undefined;
  if (byPrefix !== undefined) return byPrefix;
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}
