import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHardware } from '../../src/hw/load.js';
import { analyzeNetwork } from '../../src/run/analyzeNetwork.js';
import { assertReportable } from '../../src/report/checkSummary.js';
import { makeLayer, type Network } from '../../src/workload/layer.js';
import { objectAt, parseJson } from '../jsonValue.js';

describe('assertReportable and hardware.area', () => {
  const network: Network = {
    name: 'one',
    layers: [makeLayer({ name: 'c', kind: 'conv', C: 4, M: 8, H: 8, W: 8, R: 3, S: 3, stride: 1, padding: 1, groups: 1 }, 1)],
  };
  const json = objectAt(parseJson(readFileSync('hardware/eyeriss.json', 'utf8')));
  json.area = { peLogicMm2: 0.01, spadMm2PerWord: 0.0001, glbMm2PerKiB: 0.03, glbMm2PerBank: 0.05, nocMm2PerPe: 0.002, fixedMm2: 1 };
  const summary = analyzeNetwork(network, parseHardware(JSON.stringify(json), 'area.json'), {
    objective: 'energy',
    hardwareFile: 'area.json',
  });

  it('accepts a finite area and refuses one that is not, naming the field', () => {
    expect(() => assertReportable(summary)).not.toThrow();
    const broken = { ...summary, hardware: { ...summary.hardware, area: { ...summary.hardware.area!, glbMm2: Number.NaN } } };
    expect(() => assertReportable(broken)).toThrow('run hardware.area.glbMm2 is NaN');
  });
});
