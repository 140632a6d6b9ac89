// The validation as one plain record: setup, the references, and per model the points, the fits, the ablation
// and the disagreement analysis.
// validation.json is this record; the CSVs, SVGs, validation.md and the printed table are views of it.
import { FA_METRIC_CONSTANTS, FA_PER_MAC_UNIT } from '../compress/faMetric.js';
import type { HardwareSpec } from '../hw/spec.js';
import type { RunSummary } from '../model/result.js';
import { energyUnitLabel } from '../report/units.js';
import { analyzeModel, type ModelValidation } from './analysis.js';
import { explainDisagreement } from './disagreement.js';
import { notModelled, type NotModelledItem } from './notModelled.js';
import type { ValidationPoint } from './point.js';
import { VALIDATION_KMEANS, type ValidationModel } from './setup.js';

export interface ModelReport extends ModelValidation {
  readonly notModelled: readonly NotModelledItem[];
  /** Where and why the metric and the simulator disagree, in sentences (validation.md prints them). */
  readonly disagreement: readonly string[];
}

export interface ValidationReport {
  readonly tool: 'dkm-sim';
  readonly command: 'validate';
  readonly hardware: {
    readonly name: string;
    readonly file: string;
    readonly wordBits: number;
    readonly energyUnit: RunSummary['energyUnit'];
  };
  readonly batch: number;
  readonly weights: { readonly source: 'synthetic'; readonly distribution: 'He-normal'; readonly seed: number; readonly note: string };
  readonly kmeans: { readonly maxIterations: number; readonly seedBase: number };
  readonly metric: {
    readonly weightBits: number;
    readonly activationBits: number;
    readonly note: string;
    readonly unit: string;
    readonly faPerMacUnit: number;
    readonly constants: typeof FA_METRIC_CONSTANTS;
  };
  readonly simulation: { readonly engine: 'cycle'; readonly objective: 'energy'; readonly layers: string };
  /** What each reference is, in words. */
  readonly references: {
    readonly paperSetup: string;
    readonly paperSetupEffectiveBits: string;
    readonly simulated: string;
    readonly ablation: string;
  };
  readonly models: readonly ModelReport[];
}

export interface ReportInputs {
  readonly hw: HardwareSpec;
  readonly hardwareFile: string;
  readonly batch: number;
  readonly weightSeed: number;
  readonly kmeansMaxIterations: number;
  readonly models: readonly ValidationModel[];
  /** Every model's points, any order. */
  readonly points: readonly ValidationPoint[];
}

export function buildReport(o: ReportInputs): ValidationReport {
  const { hw } = o;
  return {
    tool: 'dkm-sim',
    command: 'validate',
    hardware: { name: hw.name, file: o.hardwareFile, wordBits: hw.wordBits, energyUnit: hw.energy.unit },
    batch: o.batch,
    weights: {
      source: 'synthetic',
      distribution: 'He-normal',
      seed: o.weightSeed,
      note: `synthetic weights, not trained ones: conv layer i uses seed ${o.weightSeed} + i`,
    },
    kmeans: { maxIterations: o.kmeansMaxIterations, seedBase: VALIDATION_KMEANS.seedBase },
    metric: {
      weightBits: hw.wordBits,
      activationBits: hw.wordBits,
      note:
        `weights and activations at ${hw.wordBits} bits, the simulated machine's word (hw.wordBits); default load counts ` +
        "(every MAC loads both operands from the GLB); weight CR = the storage ratio of the paper's convention (32-bit weights " +
        `and codebook, fixed-length indices), which the metric applies to its ${hw.wordBits}-bit weight loads (the on-chip ratio, in ` +
        `${hw.wordBits}-bit words, is reported beside it); shared dot products = filters whose every row index repeats an earlier filter of the same group`,
      unit: `MAC units: one ${FA_METRIC_CONSTANTS.macUnitBits.weightBits} x ${FA_METRIC_CONSTANTS.macUnitBits.activationBits}-bit MAC = ${FA_PER_MAC_UNIT} full adders`,
      faPerMacUnit: FA_PER_MAC_UNIT,
      constants: FA_METRIC_CONSTANTS,
    },
    simulation: { engine: 'cycle', objective: 'energy', layers: 'conv layers only (FC layers excluded, as in the paper)' },
    references: {
      paperSetup:
        'the Eyeriss energy-estimation method the paper validated against (Yang et al., CVPR 2017): MACs x e_MAC + accesses x ' +
        "the energy of their level, with the dense layer's access counts under its best row-stationary mapping on this hardware; the " +
        `weights' bit-width is an input: a shared layer's weights are given its index bits, ceil(log2 K), and a weight access costs ` +
        `bits / ${hw.wordBits} of a word access (ifmaps, psums and MACs keep the machine word)`,
      paperSetupEffectiveBits:
        `the same with the effective bits ${hw.wordBits} / CR: circular, since the metric divides its weight term by ` +
        "the same CR, so the reference's only rate-dependent part becomes the metric's own weight term",
      simulated:
        'every shared layer mapped and run the way the search finds best (decoded in the PEs with the codebook ' +
        'streamed or resident in the GLB, decoded at the GLB, or dense), counted by the cycle-level simulator',
      ablation:
        'the detailed model with one mechanism switched at a time, its layers re-mapped by the same search (for row-level ' +
        'reuse, which changes only what the PEs compute, the same mappings re-counted), and R^2 of the metric against each',
    },
    models: o.models.map((m) => {
      const analysis = analyzeModel(
        m.model,
        m.paperR2,
        o.points.filter((p) => p.model === m.model),
      );
      const missing = notModelled(analysis.points, hw);
      return { ...analysis, notModelled: missing, disagreement: explainDisagreement(analysis, missing, energyUnitLabel(hw.energy.unit)) };
    }),
  };
}

export const reportJson = (r: ValidationReport): string => JSON.stringify(r, null, 2) + '\n';
