import { describe, expect, it } from 'vitest';
import { rowCoords, rowCount, rowIndex, rowLength, rowMatrix } from '../../src/compress/rowVectors.js';
import { makeLayer, type Layer } from '../../src/workload/layer.js';

const conv = (over: Partial<Parameters<typeof makeLayer>[0]> = {}): Layer =>
  makeLayer({ name: 'c', kind: 'conv', C: 4, M: 6, H: 8, W: 8, R: 3, S: 3, stride: 1, padding: 1, groups: 1, ...over }, 1);

describe('row vectors', () => {
  it('N = R * C/groups * M rows of length S (the paper: s * c * m samples of length s)', () => {
    expect(rowCount(conv())).toBe(3 * 4 * 6);
    expect(rowLength(conv())).toBe(3);
    expect(rowCount(conv({ groups: 2 }))).toBe(3 * 2 * 6);
    const pointwise = conv({ R: 1, S: 1, padding: 0 });
    expect(rowCount(pointwise)).toBe(4 * 6);
    expect(rowLength(pointwise)).toBe(1);
  });

  it('row (m, c, r) holds weights[m][c][r][0..S) of the M x C/groups x R x S layout', () => {
    const layer = conv({ groups: 2 }); // C/groups = 2
    const weights = Float32Array.from({ length: 6 * 2 * 3 * 3 }, (_, i) => i);
    const { data, rows } = rowMatrix(weights, layer);
    for (let row = 0; row < rows; row++) {
      const { m, c, r } = rowCoords(layer, row);
      expect(rowIndex(layer, m, c, r)).toBe(row);
      for (let s = 0; s < 3; s++) expect(data[row * 3 + s]).toBe(((m * 2 + c) * 3 + r) * 3 + s);
    }
    expect(rowCoords(layer, rows - 1)).toEqual({ m: 5, c: 1, r: 2 });
  });

  it('rejects a weight array of the wrong size and rows out of range, naming the layer', () => {
    expect(() => rowMatrix(new Float32Array(5), conv())).toThrow(/layer "c": expected 216 weights/);
    expect(() => rowCoords(conv(), 72)).toThrow(/row 72 outside 0..71/);
    expect(() => rowIndex(conv(), 0, 4, 0)).toThrow(/outside/);
  });
});
