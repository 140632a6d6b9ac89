import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadHardware, parseHardware } from '../../src/hw/load.js';
import { hardwareArea } from '../../src/hw/area.js';
import { analyzeNetwork, analyzeNetworkParallel } from '../../src/run/analyzeNetwork.js';
import { layerMacs, makeLayer, mappingView, type Network } from '../../src/workload/layer.js';
import { parseModel } from '../../src/workload/modelFile.js';
import { objectAt, parseJson } from '../jsonValue.js';

const hw = loadHardware('hardware/eyeriss.json');
const options = { objective: 'energy' as const, hardwareFile: 'hardware/eyeriss.json' };

describe('mappingView', () => {
  it('maps an FC layer as a 1x1 conv over C*H*W channels with the same MACs and words', () => {
    const fc = makeLayer({ name: 'fc', kind: 'fc', C: 16, M: 10, H: 32, W: 32, R: 32, S: 32, stride: 1, padding: 0, groups: 1 }, 2);
    const view = mappingView(fc);
    expect(view).toMatchObject({ C: 16 * 32 * 32, H: 1, W: 1, R: 1, S: 1, E: 1, F: 1, M: 10, N: 2 });
    expect(layerMacs(view)).toBe(2 * 10 * 16 * 32 * 32);
    expect(layerMacs(view)).toBe(layerMacs(fc));
  });

  it('leaves conv layers alone', () => {
    const conv = makeLayer({ name: 'c', kind: 'conv', C: 3, M: 8, H: 9, W: 9, R: 3, S: 3, stride: 2, padding: 1, groups: 1 }, 1);
    expect(mappingView(conv)).toBe(conv);
  });
});

describe('analyzeNetwork', () => {
  // The model-file example in the README must run as written.
  const readme = readFileSync('README.md', 'utf8');
  const example = /```json\n(\{\n {2}"name": "small"[\s\S]*?)```/.exec(readme)?.[1];

  it('runs the README model example, whose FC filter (32 rows) is taller than the 12 PE rows', () => {
    expect(example).toBeDefined();
    const model = parseModel(JSON.parse(example!), 'README.md');
    const network: Network = { name: model.name, layers: model.layers.map((s) => makeLayer(s, 1)) };
    const summary = analyzeNetwork(network, hw, options);
    expect(summary.layers.map((l) => l.name)).toEqual(['conv1', 'dw', 'fc']);
    expect(summary.totals.macs).toBe(network.layers.reduce((a, l) => a + layerMacs(l), 0));
    // Hand count: conv1 16*3*32*32*9, dw 16*32*32*9, fc 10*16*32*32.
    expect(summary.totals.macs).toBe(442_368 + 147_456 + 163_840);
  });

  it('gives the same summary inline and through the parallel entry point', async () => {
    const model = parseModel(JSON.parse(example!), 'README.md');
    const network: Network = { name: model.name, layers: model.layers.map((s) => makeLayer(s, 2)) };
    expect(await analyzeNetworkParallel(network, hw, options)).toEqual(analyzeNetwork(network, hw, options));
  });
});

describe('summary.hardware.area', () => {
  const network: Network = {
    name: 'one',
    layers: [makeLayer({ name: 'c', kind: 'conv', C: 4, M: 8, H: 8, W: 8, R: 3, S: 3, stride: 1, padding: 1, groups: 1 }, 1)],
  };
  const withoutArea = objectAt(parseJson(readFileSync('hardware/eyeriss.json', 'utf8')));
  delete withoutArea.area;

  it('is the area breakdown when the hardware file has an area section', () => {
    const area = { peLogicMm2: 0.01, spadMm2PerWord: 0.0001, glbMm2PerKiB: 0.03, glbMm2PerBank: 0.05, nocMm2PerPe: 0.002, fixedMm2: 1 };
    const chip = parseHardware(JSON.stringify({ ...withoutArea, area }), 'area.json');
    const s = analyzeNetwork(network, chip, options).hardware.area!;
    // 168 PEs with 12 + 224 + 24 = 260 spad words, a 108 KiB GLB in 27 banks:
    // PE logic 168 x 0.01 = 1.68; spads 168 x 260 x 0.0001 = 4.368; GLB 108 x 0.03 + 27 x 0.05 = 4.59;
    // NoC 168 x 0.002 = 0.336; fixed 1; total 11.974.
    expect(s.totalMm2).toBeCloseTo(11.974, 12);
    expect(s.glbMm2).toBeCloseTo(4.59, 12);
    expect(s).toEqual(hardwareArea(chip));
  });

  it('is absent when the hardware file has none', () => {
    const chip = parseHardware(JSON.stringify(withoutArea), 'no-area.json');
    expect('area' in analyzeNetwork(network, chip, options).hardware).toBe(false);
  });
});
