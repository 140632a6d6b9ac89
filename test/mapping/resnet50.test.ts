// A whole network through analyzeNetwork: ResNet-50 at batch 1 on hardware/eyeriss.json.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHardware } from '../../src/hw/load.js';
import type { RunSummary } from '../../src/model/result.js';
import { analyzeNetwork } from '../../src/run/analyzeNetwork.js';
import { resolveModel } from '../../src/workload/zoo/index.js';

const hwFile = fileURLToPath(new URL('../../hardware/eyeriss.json', import.meta.url));
const PARTS = ['mac', 'rf', 'noc', 'glb', 'dram'] as const;
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

describe('ResNet-50, batch 1, on Eyeriss', () => {
  let summary: RunSummary;
  beforeAll(() => {
    summary = analyzeNetwork(resolveModel('resnet50', 1), loadHardware(hwFile), { objective: 'energy', hardwareFile: hwFile });
  }, 120_000);

  it('covers every layer: 53 convolutions + the FC, 4,089,184,256 MACs', () => {
    // 1 stem conv + 16 bottlenecks x 3 convs + 4 projection shortcuts = 53 convs, plus fc 2048 -> 1000.
    expect(summary.layers).toHaveLength(54);
    expect(summary.layers.filter((l) => l.kind === 'fc')).toHaveLength(1);
    expect(summary.totals.macs).toBe(4_089_184_256);
    expect(summary.layers.reduce((a, l) => a + l.macs, 0)).toBe(4_089_184_256);
    expect([summary.model, summary.batch, summary.energyUnit, summary.hardware.peCount]).toEqual(['resnet50', 1, 'MAC', 168]);
  });

  it('every layer costs energy and time; utilization is a fraction', () => {
    for (const l of summary.layers) {
      expect(l.energy.total, l.name).toBeGreaterThan(0);
      expect(Number.isFinite(l.energy.total), l.name).toBe(true);
      // every MAC costs at least its own energy (1 in the normalized table) plus 3 spad accesses and DRAM traffic
      expect(l.energy.total, l.name).toBeGreaterThan(4 * l.macs);
      expect(Number.isInteger(l.cycles) && l.cycles > 0, l.name).toBe(true);
      expect(l.utilization, l.name).toBeGreaterThan(0);
      expect(l.utilization, l.name).toBeLessThanOrEqual(1);
    }
  });

  it('totals are the sums over layers (energy to 1e-9 relative)', () => {
    const total = summary.layers.reduce((a, l) => a + l.energy.total, 0);
    expect(close(summary.totals.energy.total, total), `${summary.totals.energy.total} vs ${total}`).toBe(true);
    for (const p of PARTS) {
      const part = summary.layers.reduce((a, l) => a + l.energy[p], 0);
      expect(close(summary.totals.energy[p], part), p).toBe(true);
    }
    expect(summary.totals.cycles).toBe(summary.layers.reduce((a, l) => a + l.cycles, 0));
  });

  it('latency is cycles at the 200 MHz clock', () => {
    expect(summary.hardware.clockMHz).toBe(200);
    expect(close(summary.totals.latencyMs, summary.totals.cycles / (200 * 1e3))).toBe(true);
  });
});
