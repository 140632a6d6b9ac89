// A run's figures that are not finite or not exact fail where the run is assembled, naming the input that made
// them so: the hardware field (an energy, a bandwidth, the clock, an area) or the layer and --batch.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hardwareFromJson } from '../../src/hw/load.js';
import { evaluatePoint } from '../../src/explore/evaluatePoint.js';
import { analyzeNetwork } from '../../src/run/analyzeNetwork.js';
import { checkResultRange, ResultRangeError } from '../../src/run/resultRange.js';
import { makeLayer, type Network } from '../../src/workload/layer.js';
import { objectAt, parseJson, type JsonObject } from '../jsonValue.js';

const FILE = 'chip.json';
const base = objectAt(parseJson(readFileSync('hardware/eyeriss.json', 'utf8')));
/** eyeriss.json with `edit` applied, loaded (so every field passed its own rule). */
const chip = (edit: (j: JsonObject) => void) => {
  const j = structuredClone(base);
  edit(j);
  return hardwareFromJson(j, FILE);
};
const network: Network = {
  name: 'one',
  layers: [makeLayer({ name: 'c', kind: 'conv', C: 4, M: 8, H: 8, W: 8, R: 3, S: 3, stride: 1, padding: 1, groups: 1 }, 1)],
};
const run = (hw: ReturnType<typeof chip>) => analyzeNetwork(network, hw, { objective: 'energy', hardwareFile: FILE });
const failure = (hw: ReturnType<typeof chip>): ResultRangeError => {
  try {
    run(hw);
  } catch (err) {
    expect(err).toBeInstanceOf(ResultRangeError);
    return err as ResultRangeError;
  }
  throw new Error('expected the run to fail');
};

describe('checkResultRange', () => {
  it('passes a run of ordinary figures', () => {
    expect(run(chip(() => {})).totals.macs).toBe(8 * 4 * 8 * 8 * 9);
  });

  it('names the energy fields whose products overflow (1e308 per DRAM word)', () => {
    const err = failure(
      chip((j) => {
        objectAt(j, 'energy').dram = 1e308;
      }),
    );
    expect(err.message).toMatch(
      /^chip\.json: energy\.dram: expected energies per access small enough that every energy of the run is a finite number, got read 1e\+308, write 1e\+308 \(layer "c" .*: dram energy Infinity\)$/,
    );
    const mac = failure(
      chip((j) => {
        objectAt(j, 'energy').mac = 1e308;
      }),
    );
    expect(mac.message).toMatch(/^chip\.json: energy\.mac, energy\.psumAdd: .*mac energy Infinity\)$/);
  });

  it('names the bandwidth behind cycle counts beyond 2^53 (a DRAM link of 1e-300 words per cycle, NoC and GLB alike)', () => {
    const dram = failure(
      chip((j) => {
        objectAt(j, 'dram').wordsPerCycle = 1e-300;
      }),
    );
    expect(dram.message).toMatch(
      /^chip\.json: dram\.wordsPerCycle: expected a bandwidth large enough that cycle counts stay exact integers \(below 2\^53\), got 1e-300 words per cycle \(layer "c" .*, bound by dram\)$/,
    );
    const noc = failure(
      chip((j) => {
        objectAt(j, 'noc', 'wordsPerCycle').psum = 1e-300;
      }),
    );
    expect(noc.message).toMatch(/^chip\.json: noc\.wordsPerCycle: .*got ifmap 4, filter 4, psum 1e-300 words per cycle .*bound by noc\)$/);
    const glb = failure(
      chip((j) => {
        objectAt(j, 'glb').wordsPerCyclePerBank = 1e-300;
      }),
    );
    expect(glb.message).toMatch(/^chip\.json: glb\.wordsPerCyclePerBank: .*bound by glb\)$/);
  });

  it('names the clock when the latency overflows, and an area field when the area does', () => {
    const clock = failure(
      chip((j) => {
        j.clockMHz = 1e-310;
        objectAt(j, 'dram').wordsPerCycle = 1.8;
      }),
    );
    expect(clock.message).toMatch(
      /^chip\.json: clockMHz: expected a clock fast enough that the latency in ms is a finite number, got 1e-310 \(latency Infinity ms\)$/,
    );
    const area = failure(
      chip((j) => {
        objectAt(j, 'area').peLogicMm2 = 1e308;
      }),
    );
    expect(area.message).toMatch(
      /^chip\.json: area\.peLogicMm2: expected areas small enough that the chip's area is a finite number, got the peLogicMm2 of Infinity mm²$/,
    );
  });

  it('names the layer and --batch when a count is beyond 2^53, whatever the hardware', () => {
    const hw = chip(() => {});
    const summary = run(hw);
    const big = { ...summary, layers: [{ ...summary.layers[0], macs: 2 ** 53 + 2 }] };
    expect(() => checkResultRange(big, hw, FILE)).toThrow(
      /^layer "c" \(N1 M8 C4 8x8 R3xS3 \/1 pad1 -> 8x8, layers\[0\]\): 9\.01e\+15 MACs at --batch 1 are more than 2\^53 .*expected a smaller layer in the model, or a smaller --batch$/,
    );
    const reads = structuredClone(summary);
    (reads.layers[0].accessDetail.dram.reads as { ifmap: number }).ifmap = Infinity;
    expect(() => checkResultRange(reads, hw, FILE)).toThrow(/^layer "c" .*: Infinity dram ifmap reads at --batch 1 are more than 2\^53/);
    const total = { ...summary, totals: { ...summary.totals, cycles: 2 ** 60 } };
    expect(() => checkResultRange(total, hw, FILE)).toThrow(/^the network one in total: 1\.15e\+18 cycles at --batch 1/);
  });

  it('makes a sweep point invalid with the reason, as a layer without a legal mapping does', () => {
    const hw = chip((j) => {
      objectAt(j, 'energy').dram = 1e308;
    });
    const row = evaluatePoint(
      { index: 3, params: { 'energy.dram': 1e308 }, hw, network: 0 } as never,
      { network },
      { objective: 'energy', hardwareFile: FILE },
    );
    expect(row).toMatchObject({ point: 3, status: 'invalid' });
    expect((row as { reason: string }).reason).toMatch(/^chip\.json: energy\.dram: expected energies per access small enough/);
  });
});
