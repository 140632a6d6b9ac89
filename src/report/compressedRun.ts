// What a run with --compress adds to the reports: the run of the shared network (a RunSummary like the
// uncompressed one) and how it was shared. summary.json carries both as its `compressed` block.
import type { SharingInfo } from '../compress/sharedRun.js';
import type { RunSummary } from '../model/result.js';

export type { SharingInfo };

export interface CompressedRun {
  readonly summary: RunSummary;
  readonly sharing: SharingInfo;
}

export type SummaryWithCompressed = RunSummary & { readonly compressed: RunSummary & SharingInfo };

/** The uncompressed summary, every field as before, plus the compressed run and its sharing. */
export function withCompressedBlock(base: RunSummary, run: CompressedRun): SummaryWithCompressed {
  return { ...base, compressed: { ...run.summary, ...run.sharing } };
}

/** (after - before) / before, or undefined when there is nothing to compare against. */
export function relativeChange(before: number, after: number): number | undefined {
  if (before === 0) return after === 0 ? 0 : undefined;
  return (after - before) / before;
}

/** "-42.1%", "+3.0%", "0%" (a change too small to show keeps its sign: "-0.0%"); "n/a" without a base. */
export function formatChange(change: number | undefined): string {
  if (change === undefined) return 'n/a';
  if (change === 0) return '0%';
  return `${change > 0 ? '+' : '-'}${Math.abs(change * 100).toFixed(1)}%`;
}

/** How a rate plan treated the first conv layer, as planText shows it. */
function firstLayerText(first: 'uncompressed' | number | undefined, rate: number): string {
  if (first === undefined || first === rate) return '';
  return first === 'uncompressed' ? ', first conv layer kept' : `, first conv layer ${first}`;
}

/** "cluster rate 0.05, first conv layer kept" or "K 30,48", plus the sparsity when any layer has some. */
export function planText(s: SharingInfo): string {
  const plan =
    s.plan.clusterRate !== undefined
      ? `cluster rate ${s.plan.clusterRate}${firstLayerText(s.plan.firstLayer, s.plan.clusterRate)}`
      : `K ${s.plan.k.join(',')}`;
  const sparse = s.plan.sparsity.some((p) => p > 0) ? `, sparsity p ${s.plan.sparsity.join(',')}` : '';
  return plan + sparse;
}
