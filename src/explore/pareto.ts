// Pareto fronts: the points no other point beats on every objective. All objectives are minimized (negate
// a quantity to maximize it, e.g. accuracy). A point dominates another when it is no worse on every
// objective and strictly better on one, so equal points never remove each other. Points whose objectives
// are not all finite (an invalid design point) are on no front.

export type ObjectiveVector = readonly number[];

export function dominates(a: ObjectiveVector, b: ObjectiveVector): boolean {
  let strictly = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] > b[i]) return false;
    if (a[i] < b[i]) strictly = true;
  }
  return strictly;
}

/**
 * Indices (ascending) of the non-dominated points. Sorting by the objectives lexicographically means a point
 * can only be dominated by one before it, so each point is checked against the front found so far.
 */
export function paretoFront(points: readonly ObjectiveVector[]): number[] {
  const dims = points[0]?.length ?? 0;
  if (points.some((p) => p.length !== dims)) throw new Error('paretoFront: every point needs the same number of objectives');
  const lexicographic = (a: number, b: number): number => {
    for (let i = 0; i < dims; i++) if (points[a][i] !== points[b][i]) return points[a][i] - points[b][i];
    return a - b;
  };
  const order = points
    .map((_, i) => i)
    .filter((i) => points[i].every(Number.isFinite))
    .sort(lexicographic);
  const front: number[] = [];
  for (const i of order) {
    if (!front.some((j) => dominates(points[j], points[i]))) front.push(i);
  }
  return front.sort((a, b) => a - b);
}
