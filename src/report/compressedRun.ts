// What a run with --compress adds to the reports: the run of the shared network (a RunSummary like the
// uncompressed one) and how it was shared. summary.json carries both as its `compressed` block.
import type { CompressionRatios } from '../compress/compressionRatio.js';
import type { RunSummary } from '../model/result.js';

export type { CompressionRatios };

/** One conv layer the accelerator runs shared: its codebook size and the bits of one stored index. */
export interface SharedLayerInfo {
  readonly name: string;
  readonly rows: number;
  readonly k: number;
  readonly sparsity: number;
  readonly indexBits: number;
}

export interface SharingInfo {
  readonly method: 'dkm';
  /**
   * Storage at 32 bits (the paper's convention) under three index codings, and on chip in the hardware's words
   * (see compressionRatio.ts); compressionRatioDefinition says the same in words.
   */
  readonly compressionRatio: CompressionRatios;
  readonly compressionRatioDefinition: { readonly [K in keyof CompressionRatios]: string };
  /** 'network': the whole model, as `dkm-sim compress` reports it; 'layers': only the layers of a --layer run. */
  readonly compressionRatioOf: 'network' | 'layers';
  /**
   * K and sparsity p per conv layer, in network order; clusterRate when the plan came from one, with how it
   * treated the first conv layer: 'uncompressed' (kept whole) or the layer's own rate.
   */
  readonly plan: {
    readonly clusterRate?: number;
    readonly firstLayer?: 'uncompressed' | number;
    readonly k: readonly number[];
    readonly sparsity: readonly number[];
  };
  /** 'synthetic': seeded He-normal weights, so the entropy-coded ratios are indicative only. */
  readonly weights: { readonly source: 'synthetic' | 'file'; readonly file?: string; readonly seed?: number };
  readonly sharedLayers: readonly SharedLayerInfo[];
}

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
  const plan = s.plan.clusterRate !== undefined
    ? `cluster rate ${s.plan.clusterRate}${firstLayerText(s.plan.firstLayer, s.plan.clusterRate)}`
    : `K ${s.plan.k.join(',')}`;
  const sparse = s.plan.sparsity.some((p) => p > 0) ? `, sparsity p ${s.plan.sparsity.join(',')}` : '';
  return plan + sparse;
}
