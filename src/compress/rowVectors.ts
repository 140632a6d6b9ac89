// The samples Deep k-Means clusters: the rows of a layer's filters (Wu et al. 2018, sec. 2). A layer with
// S-wide filters is the s x N matrix W whose N = R * (C/groups) * M columns are one filter row each (one row r
// of one channel c of one filter m). Rows, not whole kernels, because a row is the unit the row-stationary
// dataflow keeps in a PE, so a shared row is a shared PE operand.
//
// Stored here transposed, as N rows of S values (row-major), because that is what k-means iterates over.
// In the simulator's filter layout M x (C/groups) x R x S the S values of one filter row are already
// contiguous and in (m, c, r) order, so the row matrix IS the weight tensor: no copy, and sharing writes its
// result back in the same layout.
import { filterWords, type Layer } from '../workload/layer.js';

export interface RowMatrix {
  readonly layer: string;
  /** N of the paper: R * (C/groups) * M. */
  readonly rows: number;
  /** s of the paper: the filter width S (1 for 1x1 layers). */
  readonly rowLength: number;
  /** rows * rowLength values, row i at [i * rowLength, (i + 1) * rowLength). */
  readonly data: Float32Array;
}

export interface RowCoords {
  readonly m: number;
  readonly c: number;
  readonly r: number;
}

/** The paper's N for this layer (the number of k-means samples). */
export const rowCount = (layer: Layer): number => layer.M * (layer.C / layer.groups) * layer.R;

/** The paper's s: the length of one sample. */
export const rowLength = (layer: Layer): number => layer.S;

/** Views a layer's weights (layout M x C/groups x R x S) as its row matrix; the array is shared, not copied. */
export function rowMatrix(weights: Float32Array, layer: Layer): RowMatrix {
  const expected = filterWords(layer);
  if (weights.length !== expected) {
    throw new Error(
      `layer "${layer.name}": expected ${expected} weights (M ${layer.M} x C/groups ${layer.C / layer.groups} x R ${layer.R} x S ${layer.S}), got ${weights.length}`,
    );
  }
  return { layer: layer.name, rows: rowCount(layer), rowLength: rowLength(layer), data: weights };
}

/** Row index of filter m, channel c (within its group), filter row r. */
export function rowIndex(layer: Layer, m: number, c: number, r: number): number {
  const cg = layer.C / layer.groups;
  if (m < 0 || m >= layer.M || c < 0 || c >= cg || r < 0 || r >= layer.R) {
    throw new Error(`layer "${layer.name}": row (m ${m}, c ${c}, r ${r}) outside M ${layer.M}, C/groups ${cg}, R ${layer.R}`);
  }
  return (m * cg + c) * layer.R + r;
}

/** Inverse of rowIndex. */
export function rowCoords(layer: Layer, row: number): RowCoords {
  if (!Number.isInteger(row) || row < 0 || row >= rowCount(layer)) {
    throw new Error(`layer "${layer.name}": row ${row} outside 0..${rowCount(layer) - 1}`);
  }
  const cg = layer.C / layer.groups;
  const r = row % layer.R;
  const mc = (row - r) / layer.R;
  return { m: Math.floor(mc / cg), c: mc % cg, r };
}
