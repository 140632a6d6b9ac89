// A plain-text table of a run for the terminal: one line per layer, a totals line, latency and energy per MAC.
import type { LayerResult, RunSummary } from '../model/result.js';
import { assertReportable } from './checkSummary.js';
import { LEVEL_ORDER } from './levels.js';
import { si } from './numbers.js';
import { shortenEnd, shortenMiddle } from './shorten.js';
import { energyUnitLabel } from './units.js';

export interface TableOptions {
  /** ANSI bold/dim styling; pass `process.stdout.isTTY === true` when printing to a terminal. Default: none. */
  readonly color?: boolean;
  /** Target line width; the mapping column gives way first. Default 160. */
  readonly width?: number;
}

interface Column {
  readonly head: string;
  readonly align: 'left' | 'right';
  readonly max?: number;
}

const GAP = '  ';
const MAX_NAME = 28;
const ENERGY_KEYS = [...LEVEL_ORDER, 'total'] as const;

const percent = (u: number): string => `${(u * 100).toFixed(1)}%`;

function layerCells(l: LayerResult): string[] {
  return [
    l.name, si(l.macs), l.mapping.replace(/\s+/g, ' '), String(l.activePEs), percent(l.utilization), si(l.cycles),
    ...ENERGY_KEYS.map((k) => si(l.energy[k])),
  ];
}

function totalCells(t: RunSummary['totals']): string[] {
  return ['TOTAL', si(t.macs), '', '', '', si(t.cycles), ...ENERGY_KEYS.map((k) => si(t.energy[k]))];
}

const COLUMNS: readonly Column[] = [
  { head: 'layer', align: 'left', max: MAX_NAME },
  { head: 'MACs', align: 'right' },
  { head: 'mapping', align: 'left' },
  { head: 'PEs', align: 'right' },
  { head: 'util', align: 'right' },
  { head: 'cycles', align: 'right' },
  ...ENERGY_KEYS.map((k): Column => ({ head: `E ${k}`, align: 'right' })),
];
const MAPPING = 2;

function widths(rows: readonly string[][], lineWidth: number): number[] {
  const w = COLUMNS.map((c, i) => Math.min(c.max ?? Infinity, Math.max(c.head.length, ...rows.map((r) => r[i].length))));
  const others = w.reduce((a, x, i) => (i === MAPPING ? a : a + x), 0) + GAP.length * (COLUMNS.length - 1);
  w[MAPPING] = Math.max(COLUMNS[MAPPING].head.length, Math.min(w[MAPPING], lineWidth - others));
  return w;
}

function line(cells: readonly string[], w: readonly number[]): string {
  return cells
    .map((c, i) => {
      const text = i === 0 ? shortenMiddle(c, w[i]) : shortenEnd(c, w[i]);
      return COLUMNS[i].align === 'left' ? text.padEnd(w[i]) : text.padStart(w[i]);
    })
    .join(GAP)
    .trimEnd();
}

export function layerTable(summary: RunSummary, options: TableOptions = {}): string {
  assertReportable(summary);
  const style = (code: string, s: string): string => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const unit = energyUnitLabel(summary.energyUnit);
  const t = summary.totals;
  const rows = summary.layers.map(layerCells);
  const total = totalCells(t);
  const w = widths([...rows, total], options.width ?? 160);
  const rule = '-'.repeat(w.reduce((a, x) => a + x, 0) + GAP.length * (w.length - 1));
  const perMac = t.macs > 0 ? `${si(t.energy.total / t.macs, 4)} ${unit} per MAC` : 'no MACs';
  return [
    style('1', `${summary.model} on ${summary.hardware.name} (${summary.hardware.peCount} PEs), batch ${summary.batch}, ${summary.objective}-optimal mappings`),
    style('2', `energies (E) in ${unit}; SI prefixes k=1e3 M=1e6 G=1e9 T=1e12; util = MACs / (cycles x all PEs)`),
    style('1', line(COLUMNS.map((c) => c.head), w)),
    style('2', rule),
    ...rows.map((r) => line(r, w)),
    style('2', rule),
    style('1', line(total, w)),
    `latency ${t.latencyMs.toPrecision(4)} ms at ${summary.hardware.clockMHz} MHz, ${si(t.cycles, 4)} cycles; energy ${perMac}`,
    '',
  ].join('\n');
}
