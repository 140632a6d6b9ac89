// The order a sweep evaluates its points in, for reuse: points whose hardware has the same count structure
// (array, scratchpads, word width, bypass, ...) share pass-shape candidates, so they form one task, run in one
// thread with one SearchCache; inside it, points with the same network and buffer size follow each other,
// so that only energies and bandwidths change from one to the next. Rows are written in point order anyway.
import { usableGlbWords } from '../hw/spec.js';
import { countStructureKey } from '../search/cache.js';
import type { PreparedPoint } from './prepare.js';

export function reuseGroups(points: readonly PreparedPoint[]): PreparedPoint[][] {
  const groups = new Map<string, PreparedPoint[]>();
  for (const p of points) {
    const key = countStructureKey(p.hw);
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  const order = (a: PreparedPoint, b: PreparedPoint) =>
    a.network - b.network || usableGlbWords(a.hw) - usableGlbWords(b.hw) || a.index - b.index;
  return [...groups.values()].map((g) => g.sort(order));
}
