// A plain-text table of a run for the terminal: one line per layer, a totals line, latency and energy per MAC;
// with engine 'cycle' also the array's stalls by cause and a note on where the cycles come from.
import type { LayerResult, RunSummary, SimulationSummary } from '../model/result.js';
import { STALL_CAUSES, type StallCause } from '../sim/types.js';
import { assertReportable } from './checkSummary.js';
import { LEVEL_ORDER } from './levels.js';
import { si, SI_LEGEND } from './numbers.js';
import { shortenEnd, shortenMiddle, wrapProse } from './shorten.js';
import { energyUnitLabel } from './units.js';

export interface TableOptions {
  /** ANSI bold/dim styling (cli/terminal.ts useColor: a terminal without NO_COLOR). Default: none. */
  readonly color?: boolean;
  /**
   * The terminal's columns: the mapping column gives way first, down to its pass shape, then long layer names,
   * then the mapping column and the per-level energies go (the files keep them); prose lines wrap. Without
   * it (a pipe, a file) the columns fit 160 and prose stays on one line.
   */
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

type Stalls = SimulationSummary['stallCycles'];

const STALL_NAMES: { readonly [C in StallCause]: string } = { dram: 'dram', glb: 'glb', noc: 'noc', psumDrain: 'psum' };

/** "dram 12% glb 3%": array stall cycles by cause as a share of `cycles`, "-" when the array never waited. */
export function stallShares(stalls: Stalls, cycles: number): string {
  const parts = STALL_CAUSES.filter((c) => stalls[c] > 0).map((c) => {
    const share = cycles > 0 ? (stalls[c] / cycles) * 100 : Infinity;
    const text = share < 1 ? '<1%' : Number.isFinite(share) ? `${Math.round(share)}%` : si(stalls[c]);
    return `${STALL_NAMES[c]} ${text}`;
  });
  return parts.length > 0 ? parts.join(' ') : '-';
}

const sumStalls = (layers: readonly LayerResult[]): Stalls => {
  const total = { dram: 0, glb: 0, noc: 0, psumDrain: 0 };
  for (const l of layers) for (const c of STALL_CAUSES) total[c] += (l.simulation as SimulationSummary).stallCycles[c];
  return total;
};

/** With engine 'cycle', the stalls column comes right after the cycles. */
const CYCLES = 5;

function layerCells(l: LayerResult, cycle: boolean): string[] {
  const cells = [
    l.name,
    si(l.macs),
    l.mapping.replace(/\s+/g, ' '),
    String(l.activePEs),
    percent(l.utilization),
    si(l.cycles),
    ...ENERGY_KEYS.map((k) => si(l.energy[k])),
  ];
  if (cycle) cells.splice(CYCLES + 1, 0, stallShares((l.simulation as SimulationSummary).stallCycles, l.cycles));
  return cells;
}

function totalCells(summary: RunSummary, cycle: boolean): string[] {
  const t = summary.totals;
  const cells = ['TOTAL', si(t.macs), '', '', '', si(t.cycles), ...ENERGY_KEYS.map((k) => si(t.energy[k]))];
  if (cycle) cells.splice(CYCLES + 1, 0, stallShares(sumStalls(summary.layers), t.cycles));
  return cells;
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
const CYCLE_COLUMNS: readonly Column[] = [...COLUMNS.slice(0, CYCLES + 1), { head: 'stalls', align: 'left' }, ...COLUMNS.slice(CYCLES + 1)];
const MAPPING = 2;
/** The narrowest useful mapping: its pass shape ("e6 r3 t2 g1 p16 q4 n1"). */
const MIN_MAPPING = 22;
const MIN_NAME = 14;

interface Fitted {
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly string[])[];
  readonly w: readonly number[];
  /** What did not fit and was left out, for the legend ("mappings", "energy by level"). */
  readonly left: readonly string[];
}

const lineWidthOf = (w: readonly number[]) => w.reduce((a, x) => a + x, 0) + GAP.length * (w.length - 1);

/** Columns a narrow terminal goes without, in order (the files keep them all). */
const DROPPABLE: readonly (readonly [what: string, heads: readonly string[]])[] = [
  ['mappings', ['mapping']],
  ['energy by level', LEVEL_ORDER.map((k) => `E ${k}`)],
];

/**
 * Column widths within `lineWidth` where the table can fit it: the mapping gives way first, down to its pass
 * shape, then long layer names; when that is not enough the DROPPABLE columns go, one group at a time, and the
 * names get their room back.
 */
function fit(columns: readonly Column[], rows: readonly (readonly string[])[], lineWidth: number): Fitted {
  const natural = columns.map((c, i) => Math.min(c.max ?? Infinity, Math.max(c.head.length, ...rows.map((r) => r[i].length))));
  const left: string[] = [];
  let kept = columns.map((_, i) => i);
  for (let drop = 0; ; drop++) {
    const w = kept.map((i) => natural[i]);
    const over = () => lineWidthOf(w) - lineWidth;
    const mapping = kept.indexOf(MAPPING);
    if (mapping >= 0 && over() > 0) w[mapping] = Math.max(Math.min(w[mapping], MIN_MAPPING), w[mapping] - over());
    if (over() > 0) w[0] = Math.max(Math.min(w[0], MIN_NAME), w[0] - over());
    if (over() <= 0 || drop === DROPPABLE.length) {
      return { columns: kept.map((i) => columns[i]), rows: rows.map((r) => kept.map((i) => r[i])), w, left };
    }
    const [what, heads] = DROPPABLE[drop];
    kept = kept.filter((i) => !heads.includes(columns[i].head));
    left.push(what);
  }
}

function line(columns: readonly Column[], cells: readonly string[], w: readonly number[]): string {
  return cells
    .map((c, i) => {
      const text = i === 0 ? shortenMiddle(c, w[i]) : shortenEnd(c, w[i]);
      return columns[i].align === 'left' ? text.padEnd(w[i]) : text.padStart(w[i]);
    })
    .join(GAP)
    .trimEnd();
}

/** Which engine produced the cycles, and how the stalls column reads; only for engine 'cycle'. */
function engineNote(summary: RunSummary): string {
  const analytical = summary.layers.reduce((a, l) => a + (l.simulation as SimulationSummary).analyticalCycles, 0);
  return (
    `cycles and util: cycle-level simulator (engine 'cycle'; analytical estimate ${si(analytical, 4)} cycles); ` +
    "stalls: PE array waits by cause, % of the layer's cycles"
  );
}

export function layerTable(summary: RunSummary, options: TableOptions = {}): string {
  assertReportable(summary);
  const style = (code: string, s: string): string => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const width = options.width ?? 160;
  // Prose wraps only on a terminal: piped into a log, a note stays one line for grep.
  const proseWidth = options.width ?? Infinity;
  const prose = (code: string, text: string) => wrapProse(text, proseWidth).map((l) => style(code, l));
  const unit = energyUnitLabel(summary.energyUnit);
  const t = summary.totals;
  const cycle = summary.engine === 'cycle';
  const { columns, rows, w, left } = fit(
    cycle ? CYCLE_COLUMNS : COLUMNS,
    [...summary.layers.map((l) => layerCells(l, cycle)), totalCells(summary, cycle)],
    width,
  );
  const rule = '-'.repeat(lineWidthOf(w));
  const perMac = t.macs > 0 ? `${si(t.energy.total / t.macs, 4)} ${unit} per MAC` : 'no MACs';
  return [
    ...prose(
      '1',
      `${summary.model} on ${summary.hardware.name} (${summary.hardware.peCount} PEs), batch ${summary.batch}, ${summary.objective}-optimal mappings`,
    ),
    ...prose(
      '2',
      `energies (E) in ${unit}; ${SI_LEGEND}; util = MACs / (cycles x all PEs)${left.length > 0 ? `; ${left.join(' and ')}: in layers.csv and summary.json (too narrow a terminal)` : ''}`,
    ),
    ...(cycle ? prose('2', engineNote(summary)) : []),
    style(
      '1',
      line(
        columns,
        columns.map((c) => c.head),
        w,
      ),
    ),
    style('2', rule),
    ...rows.slice(0, -1).map((r) => line(columns, r, w)),
    style('2', rule),
    style('1', line(columns, rows[rows.length - 1], w)),
    ...wrapProse(
      `latency ${t.latencyMs.toPrecision(4)} ms at ${summary.hardware.clockMHz} MHz, ${si(t.cycles, 4)} cycles; energy ${perMac}`,
      proseWidth,
    ),
    ...[refinementNote(summary)].filter((note) => note !== null).flatMap((note) => wrapProse(note, proseWidth)),
    '',
  ].join('\n');
}

/**
 * How choosing by simulated cycles (--refine) changed the run: in how many layers a mapping other than the
 * analytical choice simulated faster, and the cycles that saved, there and in the whole run.
 */
export function refinementNote(summary: RunSummary): string | null {
  const refined = summary.layers.filter((l) => l.simulation?.refinement);
  if (refined.length === 0) return null;
  const changed = refined.filter((l) => l.simulation!.refinement!.chosenRank > 0);
  const most = Math.max(...refined.map((l) => l.simulation!.refinement!.candidates));
  const head = `refinement: up to ${most} of the analytical ranking's best mappings simulated per layer;`;
  if (changed.length === 0) return `${head} the analytical choice simulated fastest in all ${refined.length} layers`;
  const before = changed.reduce((a, l) => a + l.simulation!.refinement!.unrefinedCycles, 0);
  const after = changed.reduce((a, l) => a + l.cycles, 0);
  const saved = before - after;
  return (
    `${head} another was faster in ${changed.length} of ${refined.length} layers: ${percent(saved / before)} fewer cycles there, ` +
    `${percent(saved / (summary.totals.cycles + saved))} of the run (${si(summary.totals.cycles + saved, 4)} -> ${si(summary.totals.cycles, 4)} cycles)`
  );
}
