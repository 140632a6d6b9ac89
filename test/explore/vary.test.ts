import { describe, expect, it } from 'vitest';
import { parseAxes, parseVary, VaryError } from '../../src/explore/vary.js';
import { pointAt, pointCount, shardRange } from '../../src/explore/grid.js';
import { withField } from '../../src/explore/rawHardware.js';

describe('--vary values', () => {
  it('reads lists as written, numbers as numbers', () => {
    expect(parseVary('glb.capacityBytes=32KiB, 64KiB,110592')).toEqual({
      kind: 'field',
      path: 'glb.capacityBytes',
      values: ['32KiB', '64KiB', 110592],
    });
  });

  it('expands geometric and arithmetic ranges, ends included', () => {
    expect(parseVary('rf.filterWords=64:512:x2').values).toEqual([64, 128, 256, 512]);
    expect(parseVary('noc.wordsPerCycle.ifmap=2:8:+2').values).toEqual([2, 4, 6, 8]);
    // 0.1 + 4 * 0.1 is 0.5000000000000001: the end is still taken, and written as 0.5.
    expect(parseVary('dram.wordsPerCycle=0.1:0.5:+0.1').values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(parseVary('rf.filterWords=64:500:x2').values).toEqual([64, 128, 256]);
    expect(parseVary('glb.capacityBytes=32KiB:128KiB:x2').values).toEqual(['32 KiB', '64 KiB', '128 KiB']);
    expect(parseVary('glb.capacityBytes=32KiB:96KiB:+32KiB').values).toEqual(['32 KiB', '64 KiB', '96 KiB']);
  });

  it('reads array shapes and cluster rates', () => {
    expect(parseVary('peArray=12x14,16X16').values).toEqual([
      { rows: 12, cols: 14 },
      { rows: 16, cols: 16 },
    ]);
    expect(parseVary('compress.clusterRate=0.5,0.1').values).toEqual([0.5, 0.1]);
  });

  it.each([
    ['glb.capacity=1,2', /not a numeric hardware field; did you mean glb\.capacityBytes\?/],
    ['rf.filterwords=1', /did you mean rf\.filterWords\?/],
    ['glb.capacityBytes', /expected PATH=VALUES/],
    ['glb.capacityBytes=', /no values/],
    ['glb.capacityBytes=1,,2', /empty value/],
    ['glb.capacityBytes=1,1', /appears twice/],
    ['rf.filterWords=512:64:x2', /runs downwards/],
    ['rf.filterWords=64:512:x1', /factor must be greater than 1/],
    ['rf.filterWords=64:512:+0', /step must be positive/],
    ['rf.filterWords=0:512:x2', /must start above 0/],
    ['rf.filterWords=64:512', /START:STOP:xFACTOR/],
    ['rf.filterWords=64:512:*2', /cannot read/],
    ['glb.capacityBytes=32KiB:1MiB:x2', /different units/],
    ['rf.filterWords=1:1e9:+1', /more than 10000 values/],
    ['peArray=12by14', /not an array shape/],
    ['peArray=0x14', /not an array shape/],
    ['compress.clusterRate=0,0.5', /not in \(0, 1\]/],
    ['compress.clusterRate=1.5', /not in \(0, 1\]/],
  ])('refuses %s', (spec, message) => {
    expect(() => parseVary(spec)).toThrow(VaryError);
    expect(() => parseVary(spec)).toThrow(message);
  });

  it('refuses an axis that sets a field another axis sets', () => {
    expect(() => parseAxes(['peArray=12x14', 'peArray.rows=8,16'])).toThrow(/both set peArray\.rows/);
    expect(() => parseAxes(['clockMHz=100', 'clockMHz=200'])).toThrow(/both set clockMHz/);
    expect(parseAxes(['peArray=12x14', 'peArray.macPipelineDepth=1,2'])).toHaveLength(2);
    expect(() => parseAxes([])).toThrow(/at least one --vary/);
  });
});

describe('sweep points', () => {
  const axes = parseAxes(['glb.capacityBytes=1,2,3', 'peArray=4x4,8x8']);

  it('walk the cross product with the last axis fastest', () => {
    expect(pointCount(axes)).toBe(6);
    expect([0, 1, 2, 5].map((i) => pointAt(axes, i).choice)).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [2, 1],
    ]);
  });

  it('shards cover every point exactly once, in contiguous slices', () => {
    for (const total of [0, 1, 7, 1000]) {
      for (const count of [1, 3, 8]) {
        const ranges = Array.from({ length: count }, (_, i) => shardRange(total, i, count));
        expect(ranges[0].first).toBe(0);
        expect(ranges[count - 1].end).toBe(total);
        ranges.slice(1).forEach((r, i) => expect(r.first).toBe(ranges[i].end));
      }
    }
  });
});

describe('changing one field of a raw hardware file', () => {
  it('expands a shorthand it has to reach into and leaves the original untouched', () => {
    const raw = { energy: { unit: 'MAC', rf: 1, glb: 6 } };
    const changed = withField(raw, 'energy.rf.filter.read', 2);
    expect(changed).toEqual({ energy: { unit: 'MAC', rf: { ifmap: 1, filter: { read: 2, write: 1 }, psum: 1 }, glb: 6 } });
    expect(raw.energy.rf).toBe(1);
  });

  it('creates sections the file left to their defaults', () => {
    expect(withField({ name: 'x' }, 'noc.wordsPerCycle.ifmap', 8)).toEqual({ name: 'x', noc: { wordsPerCycle: { ifmap: 8 } } });
  });
});
