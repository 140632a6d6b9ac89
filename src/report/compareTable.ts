// The terminal view of a --compress run: the uncompressed and the shared network side by side, one row per
// figure (energy by level, of the whole run and of its conv layers alone, MACs, cycles, latency, compression
// ratio) with the relative change, then every layer's energy and how its shared version ran.
import type { EnergyBreakdown, RunSummary } from '../model/result.js';
import { assertReportable } from './checkSummary.js';
import { convEnergy, layerChanges } from './compareFigures.js';
import { formatChange, planText, relativeChange, type CompressedRun, type SharingInfo } from './compressedRun.js';
import { LEVEL_LABELS, LEVEL_ORDER } from './levels.js';
import { si, SI_LEGEND } from './numbers.js';
import { wrapProse } from './shorten.js';
import { energyUnitLabel } from './units.js';

const STORAGE_CODINGS = [
  ['fixed', 'fixed-length'],
  ['entropy', 'entropy-coded'],
  ['huffman', 'Huffman'],
] as const;

function weightsText(s: SharingInfo): string {
  return s.weights.source === 'synthetic' ? `synthetic He-normal weights (seed ${s.weights.seed})` : `weights from ${s.weights.file}`;
}

/** How the shared layers run, as the search chose per layer: "run as glb 2, dense 2". */
function executionsText(run: RunSummary, s: SharingInfo): string {
  const names = new Set(s.sharedLayers.map((l) => l.name));
  const tally = new Map<string, number>();
  for (const l of run.layers) if (names.has(l.name) && l.execution) tally.set(l.execution, (tally.get(l.execution) ?? 0) + 1);
  return tally.size === 0 ? '' : `; run as ${[...tally].map(([e, n]) => `${e} ${n}`).join(', ')}`;
}

function sharedText(base: RunSummary, s: SharingInfo, run: RunSummary): string {
  const convs = base.layers.filter((l) => l.kind === 'conv').length;
  if (s.sharedLayers.length === 0) return `no layer of this run is shared (K >= rows), so both runs are the same`;
  const ks = s.sharedLayers.map((l) => l.k);
  const bits = s.sharedLayers.map((l) => l.indexBits);
  const range = (v: number[]) => (Math.min(...v) === Math.max(...v) ? `${v[0]}` : `${Math.min(...v)}..${Math.max(...v)}`);
  return `${s.sharedLayers.length} of ${convs} conv layers shared, K ${range(ks)}, ${range(bits)}-bit indices${executionsText(run, s)}`;
}

type Row = readonly [label: string, before: string, after: string, change: string];

const ratioRow = (label: string, ratio: number): Row => [label, '1', ratio.toFixed(2), `x${ratio.toFixed(2)}`];

/** `color` and `width` as for layerTable: prose lines wrap to the width. */
export function comparisonTable(
  base: RunSummary,
  run: CompressedRun,
  options: { readonly color?: boolean; readonly width?: number } = {},
): string {
  assertReportable(base);
  assertReportable(run.summary);
  const style = (code: string, text: string): string => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const prose = (code: string | null, text: string) => wrapProse(text, options.width ?? Infinity).map((l) => (code ? style(code, l) : l));
  const a = base.totals;
  const b = run.summary.totals;
  const s = run.sharing;
  const figure = (label: string, x: number, y: number, show: (v: number) => string): Row => [
    label,
    show(x),
    show(y),
    formatChange(relativeChange(x, y)),
  ];
  const conv = [convEnergy(base), convEnergy(run.summary)];
  const energyRows = (scope: string, x: EnergyBreakdown, y: EnergyBreakdown) =>
    [...LEVEL_ORDER, 'total' as const].map((p) =>
      figure(`${scope} ${p === 'total' ? 'total' : LEVEL_LABELS[p]}`, x[p], y[p], (v) => si(v, 4)),
    );
  const rows: Row[] = [
    ...energyRows('energy', a.energy, b.energy),
    // The layers sharing can change; in the whole-run rows the unshared FC layers' DRAM traffic hides them.
    ...energyRows('conv energy', conv[0], conv[1]),
    figure('MACs', a.macs, b.macs, (v) => si(v, 4)),
    figure('cycles', a.cycles, b.cycles, (v) => si(v, 4)),
    figure('latency (ms)', a.latencyMs, b.latencyMs, (v) => v.toPrecision(4)),
    // The uncompressed weights are the reference, so its ratio is 1 and the change is the ratio itself.
    ...STORAGE_CODINGS.map(([key, name]): Row => ratioRow(`storage CR (32-bit), ${name}`, s.compressionRatio[key])),
    ratioRow('on-chip CR (hardware words)', s.compressionRatio.onChip),
  ];
  const head: Row = ['', 'uncompressed', 'compressed', 'change'];
  const layerHead = ['energy per layer', '', '', '', 'shared layer runs as'] as const;
  const layerRows = layerChanges(base, run).map(
    (c) => [c.name, si(c.before, 4), si(c.after, 4), formatChange(c.change), c.shared ? (c.execution ?? '') : 'not shared'] as const,
  );
  const all = [head, ...rows, layerHead, ...layerRows];
  const w = [0, 1, 2, 3, 4].map((i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    [r[0].padEnd(w[0]), r[1].padStart(w[1]), r[2].padStart(w[2]), r[3].padStart(w[3]), r[4] ?? ''].join('  ').trimEnd();
  const rule = style('2', '-'.repeat(w.reduce((x, y) => x + y, 0) + 8));
  const scope = s.compressionRatioOf === 'network' ? 'whole network' : 'the layers run only';
  return [
    ...prose(
      '1',
      `${base.model} on ${base.hardware.name} (${base.hardware.peCount} PEs), batch ${base.batch}, ${base.objective}-optimal mappings, engine ${base.engine}`,
    ),
    ...prose(null, `uncompressed vs Deep k-Means shared: ${planText(s)}; ${weightsText(s)}`),
    ...prose(null, sharedText(base, s, run.summary)),
    style('1', line(head)),
    rule,
    ...rows.map(line),
    rule,
    style('1', line(layerHead)),
    ...layerRows.map(line),
    rule,
    ...prose('2', `energies in ${energyUnitLabel(base.energyUnit)}; latency at ${base.hardware.clockMHz} MHz; ${SI_LEGEND}`),
    ...prose(
      '2',
      `storage CR: 32-bit conv and FC weights and biases over a 32-bit codebook and the indices (the paper's convention; ${scope})`,
    ),
    ...prose(
      '2',
      `on-chip CR: filters in hardware words over fixed-length indices and the codebook in words (what the chip moves; ${scope})`,
    ),
    '',
  ].join('\n');
}
