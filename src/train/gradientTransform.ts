// What makes the re-training methods differ: a change of the network gradient before each SGD step.
import type { Params } from './params.js';

export interface GradientTransform {
  /** Before epoch `epoch` (0-based) starts, with the parameters as they are then. */
  startEpoch?(epoch: number, params: Params): void;
  /** Changes `gradients` in place for the current `params`; returns the value of any penalty added. */
  adjust(params: Params, gradients: Params): number;
}
