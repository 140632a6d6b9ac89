// One CSV row per layer plus a TOTAL row: figures in full decimal, units in the column names.
import { stringify } from 'csv-stringify/sync';
import { DATA_TYPES } from '../hw/spec.js';
import type { EnergyBreakdown, LayerResult, RunSummary, SimulationSummary } from '../model/result.js';
import { assertReportable } from './checkSummary.js';
import { ACCESS_LEVELS, LEVEL_ORDER } from './levels.js';
import { plainNumber } from './numbers.js';
import { energyUnitSuffix } from './units.js';

type Accesses = LayerResult['accesses'];

const ENERGY_KEYS = [...LEVEL_ORDER, 'total'] as const;

/** The columns engine 'cycle' adds at the end, and where each comes from in a layer's simulation block. */
const SIMULATION_COLUMNS: readonly (readonly [string, (s: SimulationSummary) => number])[] = [
  ['analytical_cycles', (s) => s.analyticalCycles],
  ['passes', (s) => s.passes],
  ['stall_dram_cycles', (s) => s.stallCycles.dram],
  ['stall_glb_cycles', (s) => s.stallCycles.glb],
  ['stall_noc_cycles', (s) => s.stallCycles.noc],
  ['stall_psum_drain_cycles', (s) => s.stallCycles.psumDrain],
];

/**
 * Column names; access counts are reads + writes (NoC: transfers), in words. With engine 'cycle' the simulator's
 * figures follow: the analytical estimate of the same mapping, passes, and array stall cycles by cause.
 */
export function layersCsvHeader(unit: RunSummary['energyUnit'], engine: RunSummary['engine'] = 'analytical'): string[] {
  const suffix = energyUnitSuffix(unit);
  return [
    'layer',
    'kind',
    'shape',
    'macs',
    'mapping',
    'active_pes',
    'utilization',
    'cycles',
    'cycle_bound',
    ...ENERGY_KEYS.map((k) => `energy_${k}${suffix}`),
    ...ACCESS_LEVELS.flatMap((l) => DATA_TYPES.map((t) => `${l}_${t}_words`)),
    ...(engine === 'cycle' ? SIMULATION_COLUMNS.map(([name]) => name) : []),
  ];
}

function figures(energy: EnergyBreakdown, accesses: Accesses): string[] {
  return [
    ...ENERGY_KEYS.map((k) => plainNumber(energy[k])),
    ...ACCESS_LEVELS.flatMap((l) => DATA_TYPES.map((t) => plainNumber(accesses[l][t]))),
  ];
}

function layerRow(l: LayerResult): string[] {
  return [
    l.name,
    l.kind,
    l.shape,
    plainNumber(l.macs),
    l.mapping,
    plainNumber(l.activePEs),
    plainNumber(l.utilization),
    plainNumber(l.cycles),
    l.cycleBound,
    ...figures(l.energy, l.accesses),
  ];
}

/**
 * The TOTAL row repeats `summary.totals`; fields without a meaningful sum (shape, mapping, PEs, utilization, bound) stay empty.
 */
function totalRow(t: RunSummary['totals']): string[] {
  return ['TOTAL', '', '', plainNumber(t.macs), '', '', '', plainNumber(t.cycles), '', ...figures(t.energy, t.accesses)];
}

/** The simulator's figures of one layer (assertReportable has made sure the block is there). */
const simulationCells = (l: LayerResult): string[] =>
  SIMULATION_COLUMNS.map(([, get]) => plainNumber(get(l.simulation as SimulationSummary)));

/** The totals have no simulation block: the TOTAL row sums the layers, in layer order. */
const simulationTotals = (layers: readonly LayerResult[]): string[] =>
  SIMULATION_COLUMNS.map(([, get]) => plainNumber(layers.reduce((a, l) => a + get(l.simulation as SimulationSummary), 0)));

export function layersCsv(summary: RunSummary): string {
  assertReportable(summary);
  const cycle = summary.engine === 'cycle';
  const records = [
    layersCsvHeader(summary.energyUnit, summary.engine),
    ...summary.layers.map((l) => (cycle ? [...layerRow(l), ...simulationCells(l)] : layerRow(l))),
    cycle ? [...totalRow(summary.totals), ...simulationTotals(summary.layers)] : totalRow(summary.totals),
  ];
  return stringify(records, { record_delimiter: 'unix' });
}
