// Where and why the metric and the simulated energy disagree, in sentences. Every claim is computed from the
// numbers of the analysis (so it stays true when the model or the hardware file changes); the mechanisms named
// are the ones the simulator's accounting (model/accessCounts.ts, model/sharingStats.ts) and the metric charge.
import { LEVEL_LABELS } from '../report/levels.js';
import { si } from '../report/numbers.js';
import type { ModelValidation } from './analysis.js';
import type { NotModelledItem } from './notModelled.js';

const pct = (f: number): string => `${(f * 100).toFixed(1)}%`;

/** The disagreement in sentences, `points` in the paper's order (highest rate first); `unit` names the energy unit. */
export function explainDisagreement(m: ModelValidation, notModelled: readonly NotModelledItem[], unit: string): string[] {
  const pts = m.points;
  const hi = pts[0];
  const lo = pts[pts.length - 1];
  const mid = pts[Math.floor((pts.length - 1) / 2)];
  const fall = (a: number, b: number) => (a === 0 ? 0 : (a - b) / a);
  const part = (a: number, b: number, whole: number) => (whole === 0 ? 0 : (b - a) / whole);
  const metricUpper = part(hi.metric.fixed.total, mid.metric.fixed.total, lo.metric.fixed.total - hi.metric.fixed.total);
  const simUpper = part(hi.simulated.total, mid.simulated.total, lo.simulated.total - hi.simulated.total);
  const weight = m.metricParts.find((p) => p.part === 'weightRepresentational')!;
  const others = m.metricParts.filter((p) => p.part !== 'weightRepresentational').every((p) => p.change === 0);
  const byShare = [...m.levels].sort((a, b) => Math.abs(b.shareOfTotalChange) - Math.abs(a.shareOfTotalChange));
  const top = byShare[0];
  const against = m.levels.filter((l) => l.fitToMetric && l.fitToMetric.slope < 0).map((l) => LEVEL_LABELS[l.level]);
  const reuse = notModelled.find((n) => n.id === 'onChipReuse')!;
  const dram = notModelled.find((n) => n.id === 'dram')!;
  const lookups = notModelled.find((n) => n.id === 'codebookLookups')!;
  const repr = hi.metric.fixed.weightRepresentational + hi.metric.fixed.activationRepresentational;
  const maxDup = Math.max(...pts.map((p) => p.duplicateFilterFraction));
  const worst = Math.max(...pts.map((p, i) => Math.abs(m.fit.residuals[i]) / p.simulated.total));
  const skipped = (p: typeof hi) => fall(p.unmodelled.denseMacs, p.unmodelled.macs);
  const words = (p: typeof hi) => p.unmodelled.filterDramWords;
  const wpart = (p: typeof hi) => p.metric.fixed.weightRepresentational;
  return [
    `The metric changes ${others ? 'only' : 'mostly'} through its weight representational part (${pct(weight.shareOfTotalChange)} of its change; `
      + `that part falls by ${pct(-weight.relativeChange)}): every MAC's weight load divided by the CR. Its computation changes only with `
      + `duplicated filters, and ${maxDup === 0 ? 'no filter duplicates another' : `at most ${pct(maxDup)} of the filters duplicate another`} here.`,
    `Computation: the simulator runs ${pct(skipped(hi))} fewer MACs than the dense layers at rate ${hi.rate} and ${pct(skipped(lo))} fewer at ${lo.rate}: `
      + `filters in one PE whose rows name the same centroid share one 1-D convolution (${si(lo.unmodelled.psumAdds, 4)} psum additions at ${lo.rate}). `
      + 'The metric credits only whole duplicated filters, not this row-level reuse.',
    `Weight traffic: the simulator moves indices and per-PE codebooks. Filter words read from DRAM fall by ${pct(fall(words(hi), words(mid)))} `
      + `from rate ${hi.rate} to ${mid.rate} and by ${pct(fall(words(hi), words(lo)))} to ${lo.rate}; the metric's weight part by `
      + `${pct(fall(wpart(hi), wpart(mid)))} to ${mid.rate} and ${pct(fall(wpart(hi), wpart(lo)))} to ${lo.rate}. A fixed-length index shrinks only as log2 K, and a PE's `
      + 'codebook only once its rows name fewer distinct centroids; the metric divides by the CR, whose codebook term shrinks as K. '
      + `Filter words read from the GLB (a layer's whole codebook, once it fits the GLB space set aside for it: weightSharing.glbCodebookBytes) `
      + `go from ${si(hi.unmodelled.filterGlbWords, 4)} at rate ${hi.rate} to ${si(lo.unmodelled.filterGlbWords, 4)} at ${lo.rate}.`,
    `Shape: from rate ${hi.rate} to ${mid.rate} the metric makes ${pct(metricUpper)} of its total change, the simulated energy `
      + `${pct(simUpper)} of its own; the line through both leaves residuals of up to ${pct(worst)} of the simulated energy `
      + `(R^2 = ${m.fit.r2.toFixed(4)}; paper ${m.paperR2.toFixed(4)}).`,
    `Size: the metric falls by ${pct(fall(hi.metric.fixed.total, lo.metric.fixed.total))} from rate ${hi.rate} to ${lo.rate}, `
      + `the simulated energy by ${pct(fall(hi.simulated.total, lo.simulated.total))}.`,
    `Where the simulated change is: ${byShare.slice(0, 3).map((l) => `${LEVEL_LABELS[l.level]} ${pct(l.shareOfTotalChange)}`).join(', ')}. `
      + `${LEVEL_LABELS[top.level]} follows the metric with R^2 = ${top.fitToMetric ? top.fitToMetric.r2.toFixed(4) : 'n/a (constant)'}`
      + `${against.length > 0 ? `; ${against.join(', ')} move${against.length === 1 ? 's' : ''} against it (negative slope)` : ''}.`,
    `On-chip reuse: at rate ${hi.rate} the metric charges ${si(repr, 4)} MAC units of GLB loads (one per MAC operand); the simulated `
      + `RF + NoC + GLB energy is ${si(reuse.energyAtHighestRate, 4)} ${unit}, of which GLB ${si(hi.simulated.glb, 4)}: the spads and the `
      + 'GLB reuse each fetched word many times, and the codebook look-ups and index reads that sharing adds sit in the RF.',
    `DRAM, absent from the metric, is ${pct(dram.shareAtHighestRate)} of the simulated energy at rate ${hi.rate} and ${pct(dram.shareAtLowestRate)} at ${lo.rate}; `
      + `codebook look-ups are ${pct(lookups.shareAtHighestRate)} and ${pct(lookups.shareAtLowestRate)}.`,
  ];
}
