// The default LeNet-5 plans reach the conv-layer compression ratios the README reports (worked out by hand in
// src/explore/retrain/plans.ts), and the degenerate-penalty note names what it must.
import { describe, expect, it } from 'vitest';
import { compressionReport } from '../../src/compress/compressionRatio.js';
import { convLayers } from '../../src/compress/plan.js';
import { degenerateNote } from '../../src/explore/retrain/notes.js';
import { DEFAULT_PLANS, planFromK, planFromRate } from '../../src/explore/retrain/plans.js';
import { resolveModel } from '../../src/workload/zoo/index.js';

const lenet = resolveModel('lenet5', 1);

/** The CR of LeNet's conv layers for K per layer with uniform cluster sizes (fixed-length indices ignore them). */
function convCr(k: readonly number[]): number {
  const convs = convLayers(lenet.layers);
  const sharings = convs.map((l, i) => {
    const rows = l.M * l.C * l.R;
    const sizes = Array.from({ length: k[i] }, (_, j) => Math.floor(rows / k[i]) + (j < rows % k[i] ? 1 : 0));
    return { layer: l.name, rows, rowLength: l.S, k: k[i], clusterSizes: sizes };
  });
  return compressionReport(convs, sharings).ratio.fixed;
}

describe('LeNet-5 default plans', () => {
  it('give conv CRs of 10.0, 20.0 and 31.0 with fixed-length indices', () => {
    // 818,240 bits / (2,220 + 79,520), / (2,220 + 38,640), / (2,220 + 24,160)
    expect(DEFAULT_PLANS['lenet5'].map(convCr)).toEqual([818240 / 81740, 818240 / 40860, 818240 / 26380]);
    expect(DEFAULT_PLANS['lenet5'].map((k) => convCr(k).toFixed(1))).toEqual(['10.0', '20.0', '31.0']);
  });

  it('label a K list and a rate plan (first conv layer whole, as dkm-sim compress)', () => {
    expect(planFromK([8, 44])).toEqual({ label: 'K 8,44', k: [8, 44] });
    expect(planFromRate(lenet, 0.01)).toEqual({ label: 'rate 0.01', clusterRate: 0.01, k: [100, 50] });
  });
});

describe('degenerateNote', () => {
  it('names each degenerate layer with rank, s and K, and stays silent without degenerate refreshes', () => {
    const base = { rowLength: 5, penalty: 0 };
    const note = degenerateNote('dkm-spectral K 8,44', [
      { ...base, epoch: 0, layer: 'conv1', k: 8, rank: 5, degenerate: true },
      { ...base, epoch: 0, layer: 'conv2', k: 44, rank: 5, degenerate: true },
      { ...base, epoch: 5, layer: 'conv2', k: 44, rank: 5, degenerate: true },
    ]);
    expect(note).toMatch(/^dkm-spectral K 8,44: the paper's spectral penalty is zero right after each F refresh/);
    expect(note).toContain('conv1 (rank(W) = 5 <= s = 5, K = 8; refreshes at epoch 0)');
    expect(note).toContain('conv2 (rank(W) = 5 <= s = 5, K = 44; refreshes at epoch 0, 5)');
    expect(degenerateNote('x', [{ ...base, epoch: 0, layer: 'conv2', k: 3, rank: 5, degenerate: false }])).toBeUndefined();
  });
});
