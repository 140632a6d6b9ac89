// A run's figures, checked where they are assembled: MACs and cycles exact integers, word counts below 2^53
// (a shared layer's index words are fractions), every energy, latency and area finite. Doubles stop counting exactly at 2^53 and overflow to Infinity past
// 1.8e308, and a report would print either as if it were a result; instead the run fails with the input that
// made the figure so large: the hardware field (an energy, a bandwidth, the clock, an area) or the layer's size
// and --batch.
import { DATA_TYPES, type HardwareSpec } from '../hw/spec.js';
import type { CycleBound, EnergyBreakdown, EnergyPart, LayerResult, RunSummary } from '../model/result.js';

/** A figure of the run that is not finite or not an exact count; the message names the input to change. */
export class ResultRangeError extends Error {
  override readonly name = 'ResultRangeError';
}

const exact = (v: number): boolean => Number.isSafeInteger(v) && v >= 0;
// Word counts of shared layers hold fractions (indices packed several to a word): bounded, not integral.
const countable = (v: number): boolean => Number.isFinite(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER;
const fmt = (v: number): string => (Number.isFinite(v) ? v.toPrecision(3) : String(v));

/** The hardware fields each energy part multiplies its counts by. */
const ENERGY_FIELDS: Readonly<Record<EnergyPart, readonly string[]>> = {
  mac: ['energy.mac', 'energy.psumAdd'],
  rf: ['energy.rf', 'energy.codebookLookup'],
  noc: ['energy.nocTransfer'],
  glb: ['energy.glb'],
  dram: ['energy.dram'],
};

const ENERGY_VALUES: Readonly<Record<EnergyPart, (hw: HardwareSpec) => string>> = {
  mac: (hw) => `${hw.energy.mac} per MAC, ${hw.energy.psumAdd} per psum addition`,
  rf: (hw) =>
    DATA_TYPES.map((t) => `${t} ${hw.energy.rf[t].read}/${hw.energy.rf[t].write}`).join(', ') +
    ` (read/write), ${hw.energy.codebookLookup} per look-up`,
  noc: (hw) => `${hw.energy.nocTransfer}`,
  glb: (hw) => `read ${hw.energy.glb.read}, write ${hw.energy.glb.write}`,
  dram: (hw) => `read ${hw.energy.dram.read}, write ${hw.energy.dram.write}`,
};

/** The bandwidth field behind each bound, for cycle counts too large to be exact. */
const BOUND_FIELDS: Readonly<Record<Exclude<CycleBound, 'compute'>, (hw: HardwareSpec) => [string, string]>> = {
  dram: (hw) => ['dram.wordsPerCycle', String(hw.dram.wordsPerCycle)],
  glb: (hw) => ['glb.wordsPerCyclePerBank', `${hw.glb.wordsPerCyclePerBank} (x ${hw.glb.banks} banks)`],
  noc: (hw) => [
    'noc.wordsPerCycle',
    `ifmap ${hw.noc.wordsPerCycle.ifmap}, filter ${hw.noc.wordsPerCycle.filter}, psum ${hw.noc.wordsPerCycle.psum}`,
  ],
};

/** The area fields behind each part of hardwareArea (the total: any of them). */
const AREA_FIELDS: Readonly<Record<string, string>> = {
  peLogicMm2: 'area.peLogicMm2',
  spadMm2: 'area.spadMm2PerWord',
  glbMm2: 'area.glbMm2PerKiB, area.glbMm2PerBank',
  nocMm2: 'area.nocMm2PerPe',
  fixedMm2: 'area.fixedMm2',
};

interface Context {
  readonly hw: HardwareSpec;
  readonly hardwareFile: string;
  readonly batch: number;
}

const fieldError = (c: Context, field: string, expected: string, got: string): ResultRangeError =>
  new ResultRangeError(`${c.hardwareFile}: ${field}: expected ${expected}, got ${got}`);

/** Counts beyond 2^53: the work itself is too large, whatever the hardware. */
function sizeError(c: Context, where: string, what: string, value: number): ResultRangeError {
  return new ResultRangeError(
    `${where}: ${fmt(value)} ${what} at --batch ${c.batch} are more than 2^53 (about 9.0e15), beyond which ` +
      'counts are not exact; expected a smaller layer in the model, or a smaller --batch',
  );
}

function checkEnergy(c: Context, where: string, energy: EnergyBreakdown): void {
  if (Number.isFinite(energy.total)) return;
  const parts = Object.keys(ENERGY_FIELDS) as EnergyPart[];
  // The part that overflowed, or (when every part is finite but their sum is not) the largest.
  const part = parts.find((p) => !Number.isFinite(energy[p])) ?? parts.reduce((a, p) => (energy[p] > energy[a] ? p : a));
  throw fieldError(
    c,
    ENERGY_FIELDS[part].join(', '),
    `energies per access small enough that every energy of the run is a finite number`,
    `${ENERGY_VALUES[part](c.hw)} (${where}: ${part} energy ${fmt(energy[part])})`,
  );
}

function countsOf(l: LayerResult): [string, number][] {
  const d = l.accessDetail;
  const levels = (['dram', 'glb', 'rf'] as const).flatMap((level) =>
    (['reads', 'writes'] as const).flatMap((rw) => DATA_TYPES.map((t): [string, number] => [`${level} ${t} ${rw}`, d[level][rw][t]])),
  );
  const noc = DATA_TYPES.map((t): [string, number] => [`NoC ${t} transfers`, d.noc[t]]);
  const sharing: [string, number][] = d.sharing
    ? [
        ['codebook look-ups', d.sharing.codebookLookups],
        ['psum additions', d.sharing.psumAdds],
      ]
    : [];
  return [...levels, ...noc, ...sharing];
}

function checkCycles(c: Context, where: string, cycles: number, bound: CycleBound): void {
  if (exact(cycles)) return;
  if (bound === 'compute') throw sizeError(c, where, 'cycles', cycles);
  const [field, value] = BOUND_FIELDS[bound](c.hw);
  throw fieldError(
    c,
    field,
    'a bandwidth large enough that cycle counts stay exact integers (below 2^53)',
    `${value} words per cycle (${where}: ${fmt(cycles)} cycles, bound by ${bound})`,
  );
}

function checkLayer(c: Context, l: LayerResult, i: number): void {
  const where = `layer "${l.name}" (${l.shape}, layers[${i}])`;
  if (!exact(l.macs)) throw sizeError(c, where, 'MACs', l.macs);
  for (const [what, v] of countsOf(l)) if (!countable(v)) throw sizeError(c, where, what, v);
  checkCycles(c, where, l.cycles, l.cycleBound);
  if (l.simulation) checkCycles(c, where, l.simulation.cycles, l.cycleBound);
  checkEnergy(c, where, l.energy);
}

/** Throws ResultRangeError naming the input behind the first figure of `s` that is not finite or not exact. */
export function checkResultRange(s: RunSummary, hw: HardwareSpec, hardwareFile: string): void {
  const c: Context = { hw, hardwareFile, batch: s.batch };
  s.layers.forEach((l, i) => checkLayer(c, l, i));
  const t = s.totals;
  const network = `the network ${s.model} in total`;
  if (!exact(t.macs)) throw sizeError(c, network, 'MACs', t.macs);
  for (const [level, perType] of Object.entries(t.accesses)) {
    for (const [type, v] of Object.entries(perType)) if (!countable(v)) throw sizeError(c, network, `${level} ${type} accesses`, v);
  }
  // Each layer's cycles are exact; only their sum is left, and it grows with the work.
  if (!exact(t.cycles)) throw sizeError(c, network, 'cycles', t.cycles);
  checkEnergy(c, network, t.energy);
  if (!Number.isFinite(t.latencyMs)) {
    throw fieldError(
      c,
      'clockMHz',
      'a clock fast enough that the latency in ms is a finite number',
      `${hw.clockMHz} (latency ${t.latencyMs} ms)`,
    );
  }
  // The parts before their total, so that the message names the field that overflowed.
  const parts = Object.entries(s.hardware.area ?? {}).sort(([a], [b]) => Number(a === 'totalMm2') - Number(b === 'totalMm2'));
  for (const [part, mm2] of parts) {
    if (!Number.isFinite(mm2)) {
      throw fieldError(
        c,
        AREA_FIELDS[part] ?? 'area',
        "areas small enough that the chip's area is a finite number",
        `the ${part} of ${mm2} mm²`,
      );
    }
  }
}
