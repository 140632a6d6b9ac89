// One model's validation as CSV: one row per cluster rate (and a second file, one row per rate and conv layer),
// full-decimal numbers, the unit in every column name (the metric in its MAC units, energies in the hardware
// table's unit).
import { stringify } from 'csv-stringify/sync';
import { SHARED_EXECUTIONS } from '../hw/spec.js';
import { ENERGY_PARTS } from '../model/result.js';
import { plainNumber } from '../report/numbers.js';
import { energyUnitSuffix } from '../report/units.js';
import { ABLATIONS } from './ablations.js';
import type { ValidationPoint } from './point.js';
import type { ModelReport, ValidationReport } from './report.js';

type Column = readonly [name: string, value: (p: ValidationPoint, i: number) => number];

function columns(report: ValidationReport, model: ModelReport): Column[] {
  const u = energyUnitSuffix(report.hardware.energyUnit);
  const { fit } = model;
  return [
    ['cluster_rate_K_per_N', (p) => p.rate],
    ['k_total_centroids', (p) => p.kTotal],
    ['filter_rows_total_count', (p) => p.rowsTotal],
    ['cr_fixed_ratio', (p) => p.cr.fixed],
    ['cr_entropy_ratio', (p) => p.cr.entropy],
    ['cr_onchip_ratio', (p) => p.cr.onChip],
    ['duplicate_filter_fraction', (p) => p.duplicateFilterFraction],
    ['metric_computational_MACunits', (p) => p.metric.fixed.computational],
    ['metric_weight_representational_MACunits', (p) => p.metric.fixed.weightRepresentational],
    ['metric_activation_representational_MACunits', (p) => p.metric.fixed.activationRepresentational],
    ['metric_total_MACunits', (p) => p.metric.fixed.total],
    ['metric_total_entropy_cr_MACunits', (p) => p.metric.entropy.total],
    ['metric_total_onchip_cr_MACunits', (p) => p.metric.onChip.total],
    [`paper_setup_index_bits_energy_total${u}`, (p) => p.paperSetup.indexBits.total],
    [`paper_setup_effective_bits_energy_total${u}`, (p) => p.paperSetup.effectiveBits.total],
    ...ENERGY_PARTS.map((part): Column => [`sim_energy_${part}${u}`, (p) => p.simulated[part]]),
    [`sim_energy_total${u}`, (p) => p.simulated.total],
    [`dense_energy_total${u}`, (p) => p.dense.total],
    [`fit_energy${u}`, (p) => fit.slope * p.metric.fixed.total + fit.intercept],
    [`residual_energy${u}`, (_p, i) => fit.residuals[i]],
    ...ABLATIONS.map((a): Column => [`ablation_${a.id}_energy_total${u}`, (p) => p.ablation.find((v) => v.id === a.id)!.total]),
    ...SHARED_EXECUTIONS.map((e): Column => [`layers_run_${e.replace('-', '_')}_count`, (p) => p.executions[e]]),
    ['dense_macs_count', (p) => p.unmodelled.denseMacs],
    ['simulated_macs_count', (p) => p.unmodelled.macs],
    ['codebook_lookups_count', (p) => p.unmodelled.codebookLookups],
    [`codebook_lookup_energy${u}`, (p) => p.unmodelled.codebookLookupEnergy],
    ['psum_adds_count', (p) => p.unmodelled.psumAdds],
    [`psum_add_energy${u}`, (p) => p.unmodelled.psumAddEnergy],
    ['index_reads_words', (p) => p.unmodelled.indexReads],
    ['filter_dram_reads_words', (p) => p.unmodelled.filterDramWords],
    ['filter_glb_reads_words', (p) => p.unmodelled.filterGlbWords],
    ['filter_noc_transfers_words', (p) => p.unmodelled.filterNocWords],
  ];
}

export function modelCsv(report: ValidationReport, model: ModelReport): string {
  const cols = columns(report, model);
  const rows = model.points.map((p, i) => cols.map(([, value]) => plainNumber(value(p, i))));
  return stringify([cols.map(([name]) => name), ...rows], { record_delimiter: 'unix' });
}

/** One row per (rate, conv layer): the layer's sharing, how the detailed model runs it, and its energy against dense. */
export function layersCsv(report: ValidationReport, model: ModelReport): string {
  const u = energyUnitSuffix(report.hardware.energyUnit);
  const head = [
    'cluster_rate_K_per_N',
    'layer',
    'filter_rows_count',
    'k_centroids',
    'index_bits',
    'cr_fixed_ratio',
    'cr_onchip_ratio',
    'execution',
    `sim_energy_total${u}`,
    `dense_energy_total${u}`,
    'sim_vs_dense_ratio',
    `paper_setup_index_bits_energy_total${u}`,
    'metric_total_MACunits',
  ];
  const rows = model.points.flatMap((p) =>
    p.layers.map((l) => [
      plainNumber(p.rate),
      l.name,
      plainNumber(l.rows),
      plainNumber(l.k),
      plainNumber(l.indexBits),
      plainNumber(l.crFixed),
      plainNumber(l.crOnChip),
      l.execution ?? '',
      plainNumber(l.simulated.total),
      plainNumber(l.dense.total),
      plainNumber(l.simulated.total / l.dense.total),
      plainNumber(l.paperSetup.indexBits),
      plainNumber(l.metric.total),
    ]),
  );
  return stringify([head, ...rows], { record_delimiter: 'unix' });
}
