import { describe, expect, it } from 'vitest';
import {
  denseToOihw,
  depthwiseToOihw,
  float32LEBytes,
  formatIndex,
  hwioToOihw,
  oihwIndex,
  readFloat32LE,
} from '../../../src/workload/weights/layout.js';

const iota = (n: number): Float32Array => Float32Array.from({ length: n }, (_, i) => i);

describe('layout conversions', () => {
  it('formatIndex is the row-major multi-index', () => {
    expect(formatIndex(0, [2, 3])).toBe('[0][0]');
    expect(formatIndex(5, [6, 2, 2, 2])).toBe('[0][1][0][1]');
    expect(formatIndex(47, [3, 2, 2, 4])).toBe('[2][1][1][3]');
  });

  it('HWIO -> OIHW on a 1x2x2x3 kernel, element by element', () => {
    // kernel[0][s][c][m] = ((0*2 + s)*2 + c)*3 + m
    const out = hwioToOihw(iota(12), [1, 2, 2, 3]);
    const shape = [3, 2, 1, 2] as const;
    for (let m = 0; m < 3; m++)
      for (let c = 0; c < 2; c++)
        for (let s = 0; s < 2; s++) {
          expect(out[oihwIndex(shape, m, c, 0, s)]).toBe((s * 2 + c) * 3 + m);
        }
    expect(Array.from(out)).toEqual([0, 6, 3, 9, 1, 7, 4, 10, 2, 8, 5, 11]);
  });

  it('depthwise: channel c, multiplier k becomes filter c*D + k', () => {
    // [R=1, S=1, C=2, D=3]: kernel[0][0][c][k] = c*3 + k, already in output order
    expect(Array.from(depthwiseToOihw(iota(6), [1, 1, 2, 3]))).toEqual([0, 1, 2, 3, 4, 5]);
    // [R=1, S=2, C=2, D=1]: kernel[0][s][c][0] = s*2 + c -> [m=c][0][0][s]
    expect(Array.from(depthwiseToOihw(iota(4), [1, 2, 2, 1]))).toEqual([0, 2, 1, 3]);
  });

  it('Dense with H = W = 1 is the plain transpose; both flatten orders agree', () => {
    const t = [0, 2, 4, 1, 3, 5]; // kernel[c][m] = c*2 + m, [C=3, M=2] -> [M, C]
    expect(Array.from(denseToOihw(iota(6), [2, 3, 1, 1], 'hwc'))).toEqual(t);
    expect(Array.from(denseToOihw(iota(6), [2, 3, 1, 1], 'chw'))).toEqual(t);
    expect(() => denseToOihw(iota(5), [2, 3, 1, 1], 'hwc')).toThrow(RangeError);
  });

  it('little-endian float32 read at an unaligned offset, and written back', () => {
    const values = Float32Array.of(1.5, -0, 3.4028234663852886e38, 1.4e-45);
    const bytes = new Uint8Array(2 + 16);
    bytes.set(float32LEBytes(values), 2);
    expect(Array.from(bytes.subarray(2, 6))).toEqual([0x00, 0x00, 0xc0, 0x3f]); // 1.5 little-endian
    const back = readFloat32LE(bytes, 2, 4);
    expect(new Uint32Array(back.buffer)).toEqual(new Uint32Array(values.buffer));
  });
});
