// The one squared-distance formula of the k-means code. Every caller that unrolls it for 3-wide rows (the
// common 3x3-filter case, for speed) adds the same terms in the same order, so each path gives the same bits.

/** Squared distance between a[ai .. ai+dim) and b[bi .. bi+dim), summed left to right from 0. */
export function sqDist(a: Float32Array, ai: number, b: Float32Array, bi: number, dim: number): number {
  let d = 0;
  for (let t = 0; t < dim; t++) {
    const diff = a[ai + t] - b[bi + t];
    d += diff * diff;
  }
  return d;
}
