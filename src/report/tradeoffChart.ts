// One layer's energy-latency trade-off (tradeoff.svg, with --layer): every mapping the searches for the three
// objectives evaluated as a point of analytical cycles and energy, the front of those no other is both cheaper
// and faster than drawn strong and joined, the rest faint, and the mapping the run chose circled.
import { si } from './numbers.js';
import { energyScale, energyText } from './objectiveScale.js';
import { renderScatterChart, type ScatterPoint } from './scatterChart.js';

export interface TradeoffChart {
  readonly layer: string;
  readonly model: string;
  readonly hardware: string;
  readonly objective: string;
  readonly energyUnit: 'pJ' | 'MAC';
  /** Every evaluated mapping: energy and the analytical cycle estimate. */
  readonly points: readonly { readonly energy: number; readonly cycles: number }[];
  /** Indices into `points` of the front (no other point has both less energy and fewer cycles). */
  readonly front: readonly number[];
  /** The mapping the run uses (and its simulated cycles with the cycle engine). */
  readonly chosen: { readonly energy: number; readonly cycles: number; readonly simulatedCycles?: number; readonly mapping: string };
}

const FRONT_COLOR = '#0072B2';

export function renderTradeoff(t: TradeoffChart): string {
  // The y axis in µJ or mJ for a pJ table (the unit in which every point reads at least 1).
  const scale = energyScale(t.energyUnit, [...t.points.map((p) => p.energy), t.chosen.energy]);
  const y = (energy: number) => energy / scale.factor;
  const onFront = new Set(t.front);
  const points: ScatterPoint[] = t.points.map((p, i) => ({
    x: p.cycles,
    y: y(p.energy),
    faint: !onFront.has(i),
    tooltip: `${si(p.cycles, 4)} cycles, ${energyText(p.energy, t.energyUnit)}${onFront.has(i) ? ' (front)' : ''}`,
  }));
  const simulated = t.chosen.simulatedCycles === undefined ? '' : `, simulated ${si(t.chosen.simulatedCycles, 4)} cycles`;
  points.push({
    x: t.chosen.cycles,
    y: y(t.chosen.energy),
    circled: true,
    label: `chosen (${t.objective})`,
    tooltip: `${t.chosen.mapping}: ${si(t.chosen.cycles, 4)} cycles estimated${simulated}, ${energyText(t.chosen.energy, t.energyUnit)}`,
    data: { chosen: 1 },
  });
  const front = [...t.front]
    .map((i) => t.points[i])
    .sort((a, b) => a.cycles - b.cycles)
    .map((p) => [p.cycles, y(p.energy)] as const);
  return renderScatterChart({
    id: 'tradeoff',
    title: `${t.model} ${t.layer}: energy vs cycles of the ${t.points.length} mappings the searches evaluated`,
    subtitle: `${t.hardware}; line: the front (none both cheaper and faster); circled: the ${t.objective} choice${simulated}`,
    x: { title: 'cycles (analytical estimate)', scale: 'log' },
    y: { title: `energy (${scale.unit})` },
    points,
    lines: front.length > 1 ? [{ className: 'front', color: FRONT_COLOR, through: front }] : [],
  });
}
