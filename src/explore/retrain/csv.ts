// retrain.csv: one row per network (the pretrained one, then each method at each plan); units in the column
// names, figures in full decimal.
import { stringify } from 'csv-stringify/sync';
import { plainNumber } from '../../report/numbers.js';
import { energyUnitSuffix } from '../../report/units.js';
import type { RetrainReport } from './experiment.js';
import { retrains } from './methods.js';

export interface CsvContext {
  readonly energyUnit: 'pJ' | 'MAC';
  readonly epochs: number;
  readonly lambda: number;
}

export function retrainCsv(report: RetrainReport, c: CsvContext): string {
  const header = [
    'method',
    'plan',
    'cluster_rate',
    'k_per_layer',
    'cr_conv_fixed',
    'cr_conv_entropy',
    'cr_model_fixed',
    'cr_model_entropy',
    'test_accuracy_percent',
    'accuracy_change_points',
    `energy_total${energyUnitSuffix(c.energyUnit)}`,
    'latency_ms',
    'cycles',
    'retrain_epochs',
    'lambda',
    'on_pareto_front',
    'note',
  ];
  const base = report.results[0].evaluation.testAccuracy;
  const rows = report.results.map((r, i) => {
    const e = r.evaluation;
    const epochs = r.method !== 'pretrained' && retrains(r.method) ? c.epochs : 0;
    const dkm = r.method === 'dkm-spectral' || r.method === 'dkm-indicator';
    return [
      r.method,
      r.plan?.label ?? '',
      r.plan?.clusterRate ?? '',
      r.k?.join(';') ?? '',
      plainNumber(e.compression.convFixed),
      plainNumber(e.compression.convEntropy),
      plainNumber(e.compression.modelFixed),
      plainNumber(e.compression.modelEntropy),
      plainNumber(100 * e.testAccuracy),
      plainNumber(100 * (e.testAccuracy - base)),
      plainNumber(e.energy),
      plainNumber(e.latencyMs),
      plainNumber(e.cycles),
      epochs,
      dkm ? plainNumber(c.lambda) : '',
      report.front.includes(i) ? 'yes' : 'no',
      r.note ?? '',
    ];
  });
  return stringify([header, ...rows], { record_delimiter: 'unix' });
}
