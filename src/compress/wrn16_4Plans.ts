// The WRN-16-4 (CIFAR-10) sharing settings Deep k-Means reports at compression ratios 45, 47 and 50, per conv
// layer in network order (conv1, then per block conv1, conv2, shortcut where present), from the paper (Wu et al.,
// ICML 2018, arXiv 1806.09228) and the WRN-16-4 deploy script of the authors' public code.
//
// Layer numbers in the reference ("layer 12", "layer 13") count from 1: in the authors' public deploy script
// the 47x/50x K lists differ from the 45x one at the 12th and 13th entries (30 -> 7, 7 -> 6), and its per-layer
// p list is the paper's list with the 12th entry set to 0.62 / 0.6 / 0.87. Index 11 below is that layer.
import type { SharingPlan } from './plan.js';

/** N (rows) per conv layer as the reference lists it; the tests check rowCount of the zoo model against it. */
export const WRN16_4_ROWS: readonly number[] = [
  144, 3072, 12288, 1024, 12288, 12288, 24576, 49152, 8192, 49152, 49152, 98304, 196608, 32768, 196608, 196608,
];

const K_45: readonly number[] = [144, 90, 80, 50, 30, 30, 100, 50, 10, 50, 50, 30, 7, 12, 7, 7];
const K_47_50: readonly number[] = [144, 90, 80, 50, 30, 30, 100, 50, 10, 50, 50, 7, 6, 12, 7, 7];

/** The paper's per-layer sparsity p. */
export const WRN16_4_PAPER_SPARSITY: readonly number[] = [0, 0.3, 0.4, 0.5, 0.4, 0.4, 0.5, 0.5, 0.5, 0.5, 0.5, 0.6, 0.9, 0.5, 0.75, 0.9];

/** Index of "layer 12", the one layer whose p the reference gives per target ratio. */
export const WRN16_4_LAYER_12 = 11;

export type Wrn16_4Target = 45 | 47 | 50;
const LAYER_12_P: Readonly<Record<Wrn16_4Target, number>> = { 45: 0.62, 47: 0.6, 50: 0.87 };

/**
 * How p is spread over the layers:
 * - 'code':   the paper's p list with layer 12 set to the target's value (what the authors' script runs);
 * - 'layer12': p only at layer 12, every other layer without a sparsity cluster;
 * - 'paper':  the paper's p list unchanged (then 47x and 50x coincide).
 */
export type SparsityVariant = 'code' | 'layer12' | 'paper';

export function wrn16_4Plan(target: Wrn16_4Target, variant: SparsityVariant = 'code'): SharingPlan {
  const k = target === 45 ? K_45 : K_47_50;
  const p12 = LAYER_12_P[target];
  const sparsity = WRN16_4_PAPER_SPARSITY.map((p, i) => {
    if (variant === 'paper') return p;
    if (i === WRN16_4_LAYER_12) return p12;
    return variant === 'code' ? p : 0;
  });
  return { k, sparsity };
}
