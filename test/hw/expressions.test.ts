import { describe, it, expect } from 'vitest';
import { loadHardware, parseHardware } from '../../src/hw/load.js';
import { evaluateFields } from '../../src/hw/expressions.js';
import { objectAt, type JsonObject } from '../jsonValue.js';
import { minimalJson, writeHardware } from './files.js';

const load = (edit: (json: JsonObject) => void) => {
  const json = minimalJson();
  edit(json);
  return parseHardware(JSON.stringify(json), 'test.json');
};

describe('defaults', () => {
  it('fill every optional field', () => {
    const hw = loadHardware(writeHardware('minimal.json', minimalJson()));
    expect(hw.description).toBe('');
    expect(hw.wordBits).toBe(16);
    expect(hw.clockMHz).toBe(200);
    expect(hw.glb).toEqual({ capacityBytes: 1024, banks: 1, wordsPerCyclePerBank: 4, bypass: [], doubleBuffer: false });
    expect(hw.noc).toEqual({ multicast: true, wordsPerCycle: { ifmap: 4, filter: 4, psum: 4 } });
    expect(hw.prefetch).toEqual({ glb: { ifmap: 0, filter: 0, psum: 0 }, filterSpad: false });
  });

  it('can be referenced by expressions', () => {
    const hw = load((j) => {
      objectAt(j, 'glb').wordsPerCyclePerBank = '8 / glb.banks';
      objectAt(j, 'dram').wordsPerCycle = 'noc.wordsPerCycle.psum / 2 * clockMHz / 200';
    });
    expect(hw.glb.wordsPerCyclePerBank).toBe(8);
    expect(hw.dram.wordsPerCycle).toBe(2);
  });
});

describe('expressions', () => {
  it('resolve references to other expressions, in any order in the file', () => {
    const hw = load((j) => {
      j.energy = {
        unit: 'MAC',
        dram: '100 * energy.glb.read / 3',
        glb: '3 * energy.nocTransfer',
        nocTransfer: '2 * energy.mac',
        mac: 1,
        rf: 1,
      };
    });
    expect(hw.energy.nocTransfer).toBe(2);
    expect(hw.energy.glb).toEqual({ read: 6, write: 6 });
    expect(hw.energy.dram).toEqual({ read: 200, write: 200 });
  });

  it('use mathjs functions on referenced fields', () => {
    const hw = load((j) => {
      objectAt(j, 'glb').capacityBytes = 10000;
      objectAt(j, 'energy').glb = { read: '0.02 * sqrt(glb.capacityBytes)', write: 'energy.glb.read * 1.5' };
    });
    expect(hw.energy.glb.read).toBeCloseTo(2, 12);
    expect(hw.energy.glb.write).toBeCloseTo(3, 12);
  });

  it('accept plain numbers written as strings, and snap near-integers for integer fields', () => {
    const hw = load((j) => {
      j.peArray = { rows: '12', cols: '0.1 * 30' };
    });
    expect(hw.peArray).toEqual({ rows: 12, cols: 3, macPipelineDepth: 1, accumulatorBits: 32 });
  });

  it('are evaluated in dependency order, a dependency seen as its final number', () => {
    const fields = new Map<string, number | string>([
      ['a', 'b.c + b.d'],
      ['b.c', '2 * b.d'],
      ['b.d', 5],
    ]);
    const { values, issues } = evaluateFields(fields, () => ({ conform: (v) => v, expected: 'any number' }));
    expect(issues).toEqual([]);
    expect([...values.entries()].sort()).toEqual([
      ['a', 15],
      ['b.c', 10],
      ['b.d', 5],
    ]);
  });
});

describe('units', () => {
  it('convert to the unit of the field', () => {
    const hw = load((j) => {
      objectAt(j, 'glb').capacityBytes = '108 KiB';
      j.clockMHz = '1 GHz';
      j.wordBits = '2 B';
    });
    expect(hw.glb.capacityBytes).toBe(110592);
    expect(hw.clockMHz).toBe(1000);
    expect(hw.wordBits).toBe(16);
  });

  it('convert energies when the table is in pJ', () => {
    const hw = load((j) => {
      j.energy = { unit: 'pJ', mac: '2200 fJ', rf: '0.5 pJ', nocTransfer: 1, glb: '1e-11 J', dram: '0.128 nJ' };
    });
    expect(hw.energy.mac).toBeCloseTo(2.2, 12);
    expect(hw.energy.rf.psum.write).toBeCloseTo(0.5, 12);
    expect(hw.energy.glb.read).toBeCloseTo(10, 12);
    expect(hw.energy.dram.write).toBeCloseTo(128, 12);
  });
});

describe('shorthands', () => {
  it('expand energy.rf, energy.rf.<type>, energy.glb and energy.dram', () => {
    const hw = load((j) => {
      objectAt(j, 'energy').rf = { ifmap: 1, filter: { read: 2, write: 3 }, psum: '2 * energy.mac' };
    });
    expect(hw.energy.rf).toEqual({ ifmap: { read: 1, write: 1 }, filter: { read: 2, write: 3 }, psum: { read: 2, write: 2 } });
  });
});
