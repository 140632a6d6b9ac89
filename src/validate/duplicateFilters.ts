// The paper's "sharedDotProductFraction", measured from a shared layer's indices. Two dot products are the same
// computation only when all their weights are shared AND they see the same input: with row sharing that is a
// filter whose every row names the same centroid as the same row of an earlier filter of its group (same
// channels, so same inputs). Its whole output channel is then a copy, so the fraction of dot products is the
// fraction of output channels.
import type { Layer } from '../workload/layer.js';

/**
 * Fraction of the layer's M filters whose row indices (layout (m, c, r), c within the group, as in
 * SharedFilterRows) equal those of an earlier filter of the same group. No indices: 0 (unshared weights).
 */
export function duplicateFilterFraction(layer: Pick<Layer, 'M' | 'C' | 'R' | 'groups' | 'name'>, index: Uint32Array | undefined): number {
  if (index === undefined) return 0;
  const perGroup = layer.M / layer.groups;
  const rowsPerFilter = (layer.C / layer.groups) * layer.R;
  if (index.length !== layer.M * rowsPerFilter) {
    throw new Error(`layer "${layer.name}": ${index.length} indices, expected M x C/groups x R = ${layer.M * rowsPerFilter}`);
  }
  let duplicates = 0;
  for (let g = 0; g < layer.groups; g++) {
    // The bytes of a filter's index run are an exact key: equal keys are equal index sequences.
    const seen = new Set<string>();
    for (let m = g * perGroup; m < (g + 1) * perGroup; m++) {
      const bytes = Buffer.from(index.buffer, index.byteOffset + m * rowsPerFilter * 4, rowsPerFilter * 4);
      const key = bytes.toString('base64');
      if (seen.has(key)) duplicates++;
      else seen.add(key);
    }
  }
  return duplicates / layer.M;
}
