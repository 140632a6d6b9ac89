import { describe, it, expect } from 'vitest';
import { loadHardware, parseHardware } from '../../src/hw/load.js';
import { hardwareArea } from '../../src/hw/area.js';
import type { Json, JsonObject } from '../jsonValue.js';
import { expectFileError, minimalJson, writeHardware } from './files.js';

/** The minimal file (2 x 3 PEs, spads 4 / 8 / 2 words, a 1024-byte GLB in 1 bank) with an area section. */
const withArea = (area: Json, edit: (json: JsonObject) => void = () => {}): JsonObject => {
  const json = minimalJson();
  json.area = area;
  edit(json);
  return json;
};

const SMALL_AREA = {
  peLogicMm2: 0.01,
  spadMm2PerWord: { ifmap: 0.001, filter: 0.0005, psum: 0.002 },
  glbMm2PerKiB: 0.03,
  glbMm2PerBank: 0.05,
  nocMm2PerPe: 0.002,
  fixedMm2: 0.5,
};

describe('hardwareArea', () => {
  it('sums the parts of a small file, by hand', () => {
    const hw = loadHardware(writeHardware('area-small.json', withArea(SMALL_AREA)));
    const area = hardwareArea(hw)!;
    // 6 PEs. PE logic 6 x 0.01 = 0.06. Spads 6 x (4 x 0.001 + 8 x 0.0005 + 2 x 0.002) = 6 x 0.012 = 0.072.
    // GLB 1 KiB x 0.03 + 1 bank x 0.05 = 0.08. NoC 6 x 0.002 = 0.012. Fixed 0.5. Total 0.724.
    expect(area.peLogicMm2).toBeCloseTo(0.06, 12);
    expect(area.spadMm2).toBeCloseTo(0.072, 12);
    expect(area.glbMm2).toBeCloseTo(0.08, 12);
    expect(area.nocMm2).toBeCloseTo(0.012, 12);
    expect(area.fixedMm2).toBe(0.5);
    expect(area.totalMm2).toBeCloseTo(0.724, 12);
  });

  it('is absent when the file has no area section', () => {
    const hw = loadHardware(writeHardware('area-none.json', minimalJson()));
    expect('area' in hw).toBe(false);
    expect(hardwareArea(hw)).toBeUndefined();
  });

  it('takes one figure for every scratchpad word, and quantities converted to mm²', () => {
    const hw = parseHardware(
      JSON.stringify(withArea({ ...SMALL_AREA, spadMm2PerWord: '300 um^2', peLogicMm2: '1 cm^2', fixedMm2: '2 mm2' })),
      'units.json',
    );
    expect(hw.area!.spadMm2PerWord.ifmap).toBeCloseTo(0.0003, 15);
    expect(hw.area!.spadMm2PerWord.filter).toBeCloseTo(0.0003, 15);
    expect(hw.area!.spadMm2PerWord.psum).toBeCloseTo(0.0003, 15);
    expect(hw.area!.peLogicMm2).toBeCloseTo(100, 10);
    expect(hw.area!.fixedMm2).toBeCloseTo(2, 12);
  });

  it('follows a GLB capacity varied in the raw file through expressions that reference it', () => {
    // One 4 KiB bank per 4 KiB of capacity; a bank's periphery grows with the square root of its size.
    const at = (capacityBytes: string) =>
      hardwareArea(
        parseHardware(
          JSON.stringify(
            withArea({ ...SMALL_AREA, glbMm2PerBank: '0.05 mm^2 * sqrt(glb.capacityBytes / glb.banks / 4096)' }, (j) => {
              j.glb = { capacityBytes, banks: 'glb.capacityBytes / 4096' };
            }),
          ),
          'vary.json',
        ),
      )!;
    // 32 KiB: 8 banks of 4 KiB; 32 x 0.03 + 8 x 0.05 x 1 = 0.96 + 0.4 = 1.36.
    expect(at('32 KiB').glbMm2).toBeCloseTo(1.36, 12);
    // 64 KiB: 16 banks of 4 KiB; 64 x 0.03 + 16 x 0.05 = 1.92 + 0.8 = 2.72: twice the 32 KiB buffer.
    expect(at('64 KiB').glbMm2).toBeCloseTo(2.72, 12);
    // 64 KiB in banks of 4 KiB is still 16 banks; the rest of the chip does not move.
    expect(at('64 KiB').totalMm2 - at('32 KiB').totalMm2).toBeCloseTo(1.36, 12);
    expect(at('64 KiB').peLogicMm2).toBe(at('32 KiB').peLogicMm2);
  });

  it('lets fields reference each other, e.g. a codebook RF folded into the PE logic (the README example)', () => {
    const peLogicMm2 = '0.01 + weightSharing.codebookRfWords * area.spadMm2PerWord.filter';
    const hw = parseHardware(JSON.stringify(withArea({ ...SMALL_AREA, peLogicMm2 })), 'ref.json');
    // codebookRfWords defaults to rf.filterWords = 8: 0.01 + 8 x 0.0005 = 0.014 per PE.
    expect(hw.area!.peLogicMm2).toBeCloseTo(0.014, 15);
  });
});

describe('a bad area section names the file, the JSON path and what is expected', () => {
  it('a negative area', () => {
    const error = expectFileError('area-neg.json', withArea({ ...SMALL_AREA, glbMm2PerKiB: -1 }), 'area.glbMm2PerKiB');
    expect(error.message).toBe(
      `${error.file}: area.glbMm2PerKiB: expected a non-negative area in mm² per KiB of GLB capacity (e.g. 0.033, or "0.033 mm^2"), got -1`,
    );
  });

  it('a negative area computed by an expression, reported where the shorthand was written', () => {
    const error = expectFileError('area-negexpr.json', withArea({ ...SMALL_AREA, spadMm2PerWord: '1 - 2' }), 'area.spadMm2PerWord');
    expect(error.message).toContain('got -1 (from "1 - 2")');
    expect(error.issues).toHaveLength(1);
  });

  it('a missing field inside the section', () => {
    const { fixedMm2: _, ...partial } = SMALL_AREA;
    const error = expectFileError('area-missing.json', withArea(partial), 'area.fixedMm2');
    expect(error.message).toContain('area.fixedMm2: expected a non-negative area in mm² for the fixed part');
    expect(error.message).toContain('got nothing (the field is missing)');
  });

  it('a misspelled key, with a suggestion', () => {
    const { glbMm2PerBank, ...rest } = SMALL_AREA;
    const error = expectFileError('area-typo.json', withArea({ ...rest, glbMm2PerBanks: glbMm2PerBank }), 'area.glbMm2PerBanks');
    expect(error.message).toContain('area.glbMm2PerBanks: unknown key; did you mean glbMm2PerBank?');
  });

  it('a quantity that is not an area', () => {
    const error = expectFileError('area-unit.json', withArea({ ...SMALL_AREA, nocMm2PerPe: '2 KiB' }), 'area.nocMm2PerPe');
    expect(error.message).toContain('not convertible to mm^2');
  });

  it('not an object', () => {
    const error = expectFileError('area-type.json', withArea([1, 2]), 'area');
    expect(error.message).toContain('area: expected an object { peLogicMm2, spadMm2PerWord, glbMm2PerKiB');
  });

  it('a reference to an area field in a file without an area section', () => {
    const error = expectFileError('area-ref.json', { ...minimalJson(), clockMHz: '200 + area.fixedMm2' }, 'clockMHz');
    expect(error.message).toContain('refers to area.fixedMm2');
  });
});
