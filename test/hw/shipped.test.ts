import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadHardware, parseHardware } from '../../src/hw/load.js';
import { glbCapacityWords } from '../../src/hw/spec.js';
import { hardwareArea } from '../../src/hw/area.js';
import { objectAt, parseJson, type JsonObject } from '../jsonValue.js';
import { shippedFile } from './files.js';

/** A shipped file with its GLB capacity (or a spad) changed in the raw JSON, evaluated again as a sweep does. */
function resized(name: string, edit: (json: JsonObject) => void) {
  const json = objectAt(parseJson(readFileSync(shippedFile(name), 'utf8')));
  edit(json);
  return parseHardware(JSON.stringify(json), name);
}

describe('hardware/eyeriss.json', () => {
  const hw = loadHardware(shippedFile('eyeriss.json'));

  it('describes the Eyeriss v1 chip', () => {
    expect(hw.wordBits).toBe(16);
    expect(hw.clockMHz).toBe(200);
    expect(hw.peArray).toEqual({ rows: 12, cols: 14, macPipelineDepth: 1, accumulatorBits: 32 });
    expect(hw.rf).toEqual({ ifmapWords: 12, filterWords: 224, psumWords: 24 });
    expect(hw.glb.capacityBytes).toBe(110592);
    expect(glbCapacityWords(hw)).toBe(55296);
    expect(hw.glb.bypass).toEqual(['filter']);
    expect(hw.glb.doubleBuffer).toBe(false);
    expect(hw.glb.banks).toBe(27);
    expect(hw.glb.banks * hw.glb.wordsPerCyclePerBank).toBeCloseTo(4, 12);
    expect(hw.noc).toEqual({ multicast: true, wordsPerCycle: { ifmap: 4, filter: 4, psum: 4 } });
    // A 64-bit link (4 words) at 90 MHz against the 200 MHz core.
    expect(hw.dram.wordsPerCycle).toBeCloseTo(1.8, 12);
    expect(hw.description).toMatch(/ISCA 2016/);
    expect(hw.description).toMatch(/link up to 90 MHz/);
  });

  it('uses the ISCA16 normalized energies', () => {
    const one = { read: 1, write: 1 };
    expect(hw.energy).toEqual({
      unit: 'MAC',
      mac: 1,
      rf: { ifmap: one, filter: one, psum: one },
      nocTransfer: 2,
      glb: { read: 6, write: 6 },
      dram: { read: 200, write: 200 },
      codebookLookup: 1,
      psumAdd: 1 / 9,
    });
  });

  it('keeps codebooks in a per-PE codebook RF as large as the filter spad', () => {
    expect(hw.weightSharing).toEqual({
      codebookLocation: 'codebookRf',
      codebookRfWords: 224,
      glbCodebookBytes: 110592,
      maxIndexBits: 32,
      executions: ['pe-streamed', 'pe-resident', 'glb', 'dense'],
      rowReuse: true,
    });
  });

  it('comes out within 15 % of the published core area (JSSC 2017 chip summary: 3.5 mm x 3.5 mm)', () => {
    const publishedCoreMm2 = 3.5 * 3.5;
    const { totalMm2 } = hardwareArea(hw)!;
    expect(Math.abs(totalMm2 - publishedCoreMm2) / publishedCoreMm2).toBeLessThan(0.15);
  });

  it('splits the published 1176k NAND2 gates of logic between its logic parts (1.44 um^2 each, at utilization 0.4)', () => {
    const a = hardwareArea(hw)!;
    const registerSpadsMm2 = 168 * (12 * hw.area!.spadMm2PerWord.ifmap + 24 * hw.area!.spadMm2PerWord.psum);
    const logicMm2 = a.peLogicMm2 + registerSpadsMm2 + a.nocMm2 + a.fixedMm2;
    expect(logicMm2 / ((1_176_000 * 1.44e-6) / 0.4)).toBeCloseTo(1, 4);
  });

  it("puts its GLB SRAM within 10 % of DianNao's laid-out 65 nm SRAM density (1.158 mm² for 36 KiB)", () => {
    expect(hw.area!.glbMm2PerKiB / (1.158 / 36)).toBeGreaterThan(0.9);
    expect(hw.area!.glbMm2PerKiB / (1.158 / 36)).toBeLessThan(1.1);
  });

  it('is immutable', () => {
    expect(Object.isFrozen(hw)).toBe(true);
    expect(Object.isFrozen(hw.energy.rf.psum)).toBe(true);
  });
});

describe('hardware/eyeriss-45nm.json', () => {
  const hw = loadHardware(shippedFile('eyeriss-45nm.json'));

  it('keeps the Eyeriss v1 organization', () => {
    const v1 = loadHardware(shippedFile('eyeriss.json'));
    const { name: _n, description: _d, energy: _e, area: _a, ...shape } = hw;
    const { name: _n1, description: _d1, energy: _e1, area: _a1, ...v1Shape } = v1;
    expect(shape).toEqual(v1Shape);
  });

  it('has the area of the 65 nm chip scaled by (45/65)^2', () => {
    const v1 = hardwareArea(loadHardware(shippedFile('eyeriss.json')))!;
    const a = hardwareArea(hw)!;
    for (const part of ['totalMm2', 'peLogicMm2', 'spadMm2', 'glbMm2', 'nocMm2', 'fixedMm2'] as const) {
      expect(a[part] / v1[part], part).toBeCloseTo((45 / 65) ** 2, 12);
    }
  });

  it('uses the 45 nm table in pJ per 16-bit word', () => {
    const e = hw.energy;
    expect(e.unit).toBe('pJ');
    expect(e.mac).toBeCloseTo(2.2, 12);
    expect(e.rf.filter).toEqual({ read: 0.824, write: 0.824 });
    expect(e.rf.ifmap).toEqual({ read: 0.146, write: 0.146 });
    expect(e.rf.psum).toEqual({ read: 0.153, write: 0.153 });
    expect(e.glb.read).toBeCloseTo(9.275, 12);
    expect(e.glb.write).toBeCloseTo(9.275, 12);
    expect(e.dram).toEqual({ read: 128, write: 128 });
    expect(e.nocTransfer).toBeCloseTo(4.4, 12);
    expect(hw.dram.wordsPerCycle).toBeCloseTo(1.8, 12);
    expect(hw.description).toMatch(/NoC = 2 x MAC/);
  });
});

describe('size-aware energies in the shipped files (square root of the capacity, Horowitz ISSCC 2014)', () => {
  it('eyeriss.json: a GLB twice as large costs sqrt(2) x 6 per access, one half as large 6 / sqrt(2)', () => {
    const twice = resized('eyeriss.json', (j) => (objectAt(j, 'glb').capacityBytes = '216 KiB'));
    const half = resized('eyeriss.json', (j) => (objectAt(j, 'glb').capacityBytes = '54 KiB'));
    expect(twice.energy.glb.read).toBeGreaterThan(6);
    expect(half.energy.glb.read).toBeLessThan(6);
    expect(twice.energy.glb.read).toBeCloseTo(6 * Math.SQRT2, 12);
    expect(half.energy.glb.write).toBeCloseTo(6 / Math.SQRT2, 12);
  });

  it('eyeriss.json: each spad follows its own capacity, the others stay at 1', () => {
    const hw = resized('eyeriss.json', (j) => (objectAt(j, 'rf').filterWords = 448));
    expect(hw.energy.rf.filter.read).toBeCloseTo(Math.SQRT2, 12);
    expect(hw.energy.codebookLookup).toBeCloseTo(Math.SQRT2, 12);
    expect(hw.energy.rf.ifmap).toEqual({ read: 1, write: 1 });
    expect(resized('eyeriss.json', (j) => (objectAt(j, 'rf').psumWords = 6)).energy.rf.psum.write).toBeCloseTo(0.5, 12);
  });

  it('eyeriss-45nm.json: the same square root around 9.275 pJ per word and the 45 nm spad energies', () => {
    const twice = resized('eyeriss-45nm.json', (j) => (objectAt(j, 'glb').capacityBytes = '216 KiB'));
    const half = resized('eyeriss-45nm.json', (j) => (objectAt(j, 'glb').capacityBytes = '54 KiB'));
    expect(twice.energy.glb.read).toBeCloseTo(9.275 * Math.SQRT2, 12);
    expect(half.energy.glb.read).toBeCloseTo(9.275 / Math.SQRT2, 12);
    const ifmap = resized('eyeriss-45nm.json', (j) => (objectAt(j, 'rf').ifmapWords = 48)).energy.rf.ifmap.read;
    expect(ifmap).toBeCloseTo(0.146 * 2, 12);
  });

  it('leaves the shipped values exact at the shipped sizes', () => {
    const v1 = loadHardware(shippedFile('eyeriss.json'));
    expect(v1.energy.glb.read).toBe(6);
    expect(v1.energy.rf.filter.read).toBe(1);
    const nm45 = loadHardware(shippedFile('eyeriss-45nm.json'));
    expect(nm45.energy.glb.read).toBe(37.1 / (64 / 16));
    expect(nm45.energy.rf.psum.read).toBe(0.153);
  });
});

describe('README hardware-file section', () => {
  it('has a minimal example that loads', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    const minimal = doc.slice(doc.indexOf('A minimal file'));
    const example = /```json\n([\s\S]*?)```/.exec(minimal)?.[1];
    expect(example).toBeDefined();
    const hw = parseHardware(example!, 'docs example');
    expect(hw.glb.capacityBytes).toBe(32768);
    expect(hw.energy.glb).toEqual({ read: 6, write: 6 });
  });
});
