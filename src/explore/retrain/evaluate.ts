// One trained (and possibly shared) network judged the two ways the experiment compares: test accuracy, and
// energy and latency on the accelerator through the main command's run code (run/analyzeNetwork.ts), each
// shared conv layer carrying its indices (layer.sharing, as `--compress dkm` puts them there).
import { compressionReport } from '../../compress/compressionRatio.js';
import { convLayers } from '../../compress/plan.js';
import { withSharing } from '../../compress/sharedNetwork.js';
import type { LayerSharing } from '../../compress/sharing.js';
import type { HardwareSpec } from '../../hw/spec.js';
import { analyzeNetwork } from '../../run/analyzeNetwork.js';
import type { LabelledImages } from '../../train/data/dataset.js';
import type { Params } from '../../train/params.js';
import { accuracyOf } from '../../train/train.js';
import type { TrainableNet } from '../../train/trainableNet.js';
import type { Network } from '../../workload/layer.js';

export interface EvaluationContext {
  readonly net: TrainableNet;
  /** The batch-1 zoo network: the same layer objects the net trains. */
  readonly network: Network;
  readonly test: LabelledImages;
  readonly hw: HardwareSpec;
  readonly hardwareFile: string;
}

export interface CompressionRatios {
  /** Of the conv layers only (the shared ones and any kept whole), fixed-length and entropy-coded indices. */
  readonly convFixed: number;
  readonly convEntropy: number;
  /** Of the whole model, FC layers at 32 bits. */
  readonly modelFixed: number;
  readonly modelEntropy: number;
}

export interface Evaluation {
  /** Share of the test images classified right, in [0, 1]. */
  readonly testAccuracy: number;
  /** Total energy of one image on the accelerator, in the hardware file's energy unit. */
  readonly energy: number;
  readonly latencyMs: number;
  readonly cycles: number;
  readonly compression: CompressionRatios;
}

export function evaluate(ctx: EvaluationContext, params: Params, sharings: readonly LayerSharing[] = []): Evaluation {
  const run = analyzeNetwork(withSharing(ctx.network, sharings), ctx.hw, { objective: 'energy', hardwareFile: ctx.hardwareFile });
  const conv = compressionReport(convLayers(ctx.network.layers), sharings).ratio;
  const model = compressionReport(ctx.network.layers, sharings).ratio;
  return {
    testAccuracy: accuracyOf(ctx.net, params, ctx.test),
    energy: run.totals.energy.total,
    latencyMs: run.totals.latencyMs,
    cycles: run.totals.cycles,
    compression: { convFixed: conv.fixed, convEntropy: conv.entropy, modelFixed: model.fixed, modelEntropy: model.entropy },
  };
}
