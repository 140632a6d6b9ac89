// Deep k-Means re-training (Wu et al. 2018): the network loss plus, on every shared conv layer, the penalty
// of regularizer/penalty.ts with F refreshed every `fEvery` epochs (the paper: 5), in the paper's spectral
// form or the cluster-indicator form. Every refresh is recorded with its rank and whether the spectral
// penalty vanished there, so that a run never trains on a silent zero penalty.
import type { GradientTransform } from './gradientTransform.js';
import type { Params } from './params.js';
import { indicatorRefresh } from './regularizer/indicator.js';
import { penaltyAndGradient, type RowProjection } from './regularizer/penalty.js';
import { spectralRefresh } from './regularizer/spectral.js';

export const DKM_VARIANTS = ['spectral', 'indicator'] as const;
export type DkmVariant = (typeof DKM_VARIANTS)[number];

export interface DkmLayer {
  readonly layer: string;
  readonly rowLength: number;
  readonly k: number;
  /** Seed of the layer's k-means (the indicator variant's refreshes). */
  readonly seed: number;
}

export interface DkmSettings {
  readonly variant: DkmVariant;
  readonly lambda: number;
  readonly fEvery: number;
  readonly layers: readonly DkmLayer[];
}

export interface RefreshRecord {
  readonly epoch: number;
  readonly layer: string;
  readonly k: number;
  readonly rowLength: number;
  /** rank(W) (spectral variant only). */
  readonly rank?: number;
  /** The penalty is zero right after this refresh: K >= rank(W) (spectral variant only). */
  readonly degenerate: boolean;
  /** The penalty right after the refresh. */
  readonly penalty: number;
}

export interface DeepKMeansTransform extends GradientTransform {
  startEpoch(epoch: number, params: Params): void;
  readonly refreshes: readonly RefreshRecord[];
}

export function deepKMeans(settings: DkmSettings): DeepKMeansTransform {
  const projections = new Map<string, RowProjection>();
  const refreshes: RefreshRecord[] = [];
  return {
    refreshes,
    startEpoch(epoch: number, params: Params) {
      if (epoch % settings.fEvery !== 0) return;
      for (const l of settings.layers) {
        const rows = params.get(l.layer)!.weights;
        const base = { epoch, layer: l.layer, k: l.k, rowLength: l.rowLength };
        if (settings.variant === 'spectral') {
          const r = spectralRefresh(rows, l.rowLength, l.k);
          projections.set(l.layer, r.project);
          refreshes.push({
            ...base,
            rank: r.rank,
            degenerate: r.degenerate,
            penalty: penaltyAndGradient(rows, l.rowLength, r.project, settings.lambda).value,
          });
        } else {
          const r = indicatorRefresh(rows, l.rowLength, l.k, l.seed);
          projections.set(l.layer, r.project);
          refreshes.push({ ...base, degenerate: false, penalty: penaltyAndGradient(rows, l.rowLength, r.project, settings.lambda).value });
        }
      }
    },
    adjust(params, gradients) {
      let total = 0;
      for (const l of settings.layers) {
        const project = projections.get(l.layer);
        if (project === undefined) throw new Error(`Deep k-Means: layer "${l.layer}" has no F yet (startEpoch(0) refreshes it)`);
        const { value, gradient } = penaltyAndGradient(params.get(l.layer)!.weights, l.rowLength, project, settings.lambda);
        const g = gradients.get(l.layer)!.weights;
        for (let i = 0; i < g.length; i++) g[i] += gradient[i];
        total += value;
      }
      return total;
    },
  };
}
