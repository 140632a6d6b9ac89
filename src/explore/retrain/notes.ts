// The warning a run of the paper's spectral penalty must give when the penalty vanishes at its refreshes.
import type { RefreshRecord } from '../../train/deepKMeans.js';

/** One sentence naming the layers whose spectral penalty was zero after a refresh; undefined when none was. */
export function degenerateNote(phase: string, refreshes: readonly RefreshRecord[]): string | undefined {
  const bad = refreshes.filter((r) => r.degenerate);
  if (bad.length === 0) return undefined;
  const byLayer = new Map<string, RefreshRecord[]>();
  for (const r of bad) byLayer.set(r.layer, [...(byLayer.get(r.layer) ?? []), r]);
  const layers = [...byLayer].map(
    ([layer, rs]) =>
      `${layer} (rank(W) = ${rs[0].rank} <= s = ${rs[0].rowLength}, K = ${rs[0].k}; refreshes at epoch ${rs.map((r) => r.epoch).join(', ')})`,
  );
  return (
    `${phase}: the paper's spectral penalty is zero right after each F refresh in ${layers.join(' and ')}, ` +
    'because K >= rank(W); between refreshes it only pulls W back towards the row space W had at the refresh, never towards cluster centres'
  );
}
