// The one gate in front of every report writer: all figures finite, energies and counts not negative; with
// engine 'cycle', every layer carries the simulator's figures.
import type { EnergyBreakdown, PerDataType, RunSummary, SimulationSummary } from '../model/result.js';
import { SIM_RESOURCES } from '../sim/types.js';
import { ACCESS_LEVELS, LEVEL_ORDER } from './levels.js';

type Numbers = Readonly<Record<string, number | undefined>>;

function check(where: string, values: Numbers): void {
  for (const [key, v] of Object.entries(values)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`report: ${where} ${key} is ${String(v)}; expected a finite number >= 0`);
    }
  }
}

function energyAndAccesses(
  where: string,
  energy: EnergyBreakdown,
  accesses: { readonly [L in (typeof ACCESS_LEVELS)[number]]: PerDataType },
): void {
  const e: Record<string, number> = { 'energy.total': energy.total };
  for (const p of LEVEL_ORDER) e[`energy.${p}`] = energy[p];
  check(where, e);
  for (const l of ACCESS_LEVELS) {
    check(where, {
      [`accesses.${l}.ifmap`]: accesses[l].ifmap,
      [`accesses.${l}.filter`]: accesses[l].filter,
      [`accesses.${l}.psum`]: accesses[l].psum,
    });
  }
}

function simulation(where: string, s: SimulationSummary): void {
  check(where, {
    'simulation.cycles': s.cycles,
    'simulation.utilization': s.utilization,
    'simulation.passes': s.passes,
    'simulation.analyticalCycles': s.analyticalCycles,
  });
  const stalls: Partial<SimulationSummary['stallCycles']> = s.stallCycles ?? {};
  check(where, {
    'simulation.stallCycles.dram': stalls.dram,
    'simulation.stallCycles.glb': stalls.glb,
    'simulation.stallCycles.noc': stalls.noc,
    'simulation.stallCycles.psumDrain': stalls.psumDrain,
  });
  const busy: Partial<SimulationSummary['busyCycles']> = s.busyCycles ?? {};
  check(where, Object.fromEntries(SIM_RESOURCES.map((r) => [`simulation.busyCycles.${r}`, busy[r]])));
}

/** Throws a RangeError naming the layer and field of the first figure a report cannot show. */
export function assertReportable(summary: RunSummary): void {
  check('run', { batch: summary.batch, 'hardware.clockMHz': summary.hardware.clockMHz, 'hardware.peCount': summary.hardware.peCount });
  const area = Object.entries(summary.hardware.area ?? {});
  check('run', Object.fromEntries(area.map(([k, v]: [string, number]) => [`hardware.area.${k}`, v])));
  summary.layers.forEach((l, i) => {
    const where = `layer "${l.name}" (layers[${i}])`;
    check(where, { macs: l.macs, activePEs: l.activePEs, utilization: l.utilization, cycles: l.cycles });
    energyAndAccesses(where, l.energy, l.accesses);
    if (l.simulation !== undefined) simulation(where, l.simulation);
    else if (summary.engine === 'cycle')
      throw new RangeError(`report: ${where} has no simulation figures; engine 'cycle' gives every layer some`);
  });
  const t = summary.totals;
  check('totals', { macs: t.macs, cycles: t.cycles, latencyMs: t.latencyMs });
  energyAndAccesses('totals', t.energy, t.accesses);
}
