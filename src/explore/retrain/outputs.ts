// Everything a retrain run writes, as [name, contents] for the all-or-nothing writer: retrain.csv,
// retrain.json, the three charts and, when the network was pretrained in this run, that network as a tfjs
// layers model (pretrained.json + pretrained.weights.bin) for --pretrained next time. No wall times go into
// the files, so a rerun with the same options writes the same bytes.
import { renderAccuracyCrChart } from '../../report/accuracyCrChart.js';
import { renderDistortionChart } from '../../report/distortionChart.js';
import type { FileContent } from '../../report/fileSet.js';
import { renderAccuracyEnergyChart } from '../../report/accuracyEnergyChart.js';
import type { Dataset } from '../../train/data/dataset.js';
import type { EpochRecord } from '../../train/train.js';
import { tfjsModelFiles } from '../../train/tfjsModelFiles.js';
import { accuracyCrData, distortionData, paretoData, type ChartContext } from './charts.js';
import { retrainCsv } from './csv.js';
import type { RetrainReport, RetrainSettings } from './experiment.js';

export const PRETRAINED_STEM = 'pretrained';

const timeless = (h: readonly EpochRecord[] | undefined) => h?.map(({ seconds: _, ...rest }) => rest);

function datasetInfo(d: Dataset) {
  return { name: d.name, source: d.source, trainImages: d.train.labels.length, testImages: d.test.labels.length };
}

/** retrain.json's content: the settings, every network's accuracy, energy and ratios, and the front. */
export function retrainDocument(report: RetrainReport, s: RetrainSettings) {
  return {
    tool: 'dkm-sim',
    command: 'retrain',
    model: s.net.name,
    dataset: datasetInfo(s.dataset),
    hardware: { name: s.hw.name, file: s.hardwareFile },
    energyUnit: s.hw.energy.unit,
    settings: {
      pretrainEpochs: s.pretrained ? 0 : s.pretrainEpochs,
      epochs: s.epochs,
      lambda: s.lambda,
      fEvery: s.fEvery,
      seed: s.seed,
      solver: s.solver,
      retrainSolver: s.retrainSolver,
      methods: s.methods,
      plans: s.plans,
    },
    pretrained: {
      source: report.pretrained.source,
      ...(report.pretrained.file && { file: report.pretrained.file }),
      history: timeless(report.pretrained.history),
    },
    results: report.results.map((r, i) => ({
      method: r.method,
      ...(r.plan && { plan: r.plan }),
      ...(r.k && { k: r.k }),
      testAccuracyPercent: 100 * r.evaluation.testAccuracy,
      energy: r.evaluation.energy,
      latencyMs: r.evaluation.latencyMs,
      cycles: r.evaluation.cycles,
      compressionRatio: r.evaluation.compression,
      onParetoFront: report.front.includes(i),
      ...(r.distortion && { relativeDistortion: r.distortion }),
      ...(r.history && { history: timeless(r.history) }),
      ...(r.refreshes && { refreshes: r.refreshes }),
      ...(r.note && { note: r.note }),
    })),
    paretoFront: report.front,
    notes: report.notes,
  };
}

export type RetrainDocument = ReturnType<typeof retrainDocument>;

export const reportJson = (report: RetrainReport, s: RetrainSettings): string => `${JSON.stringify(retrainDocument(report, s), null, 2)}\n`;

export function retrainOutputs(report: RetrainReport, s: RetrainSettings): FileContent[] {
  const c: ChartContext = {
    model: s.net.name,
    dataset: s.dataset.name,
    hardware: s.hw.name,
    energyUnit: s.hw.energy.unit,
    epochs: s.epochs,
    lambda: s.lambda,
    seed: s.seed,
  };
  return [
    ['retrain.csv', retrainCsv(report, { energyUnit: s.hw.energy.unit, epochs: s.epochs, lambda: s.lambda })],
    ['retrain.json', reportJson(report, s)],
    ['accuracy-cr.svg', renderAccuracyCrChart(accuracyCrData(report, c))],
    ['distortion.svg', renderDistortionChart(distortionData(report, c))],
    ['pareto.svg', renderAccuracyEnergyChart(paretoData(report, c))],
    ...(report.pretrained.source === 'trained' ? tfjsModelFiles(s.net, report.pretrained.params, PRETRAINED_STEM) : []),
  ];
}
