// The files of one run: layers.csv, summary.json, energy.svg and, for one layer, tradeoff.svg (and timeline.svg
// when simulated); with --compress also layers-compressed.csv and energy-compare.svg; with --functional the
// check's files. Written all together or not at all, and the folder's files of an earlier run that this one
// does not write are taken out (fileSet.ts).
import type { RunSummary } from '../model/result.js';
import { renderCompareChart } from './compareChart.js';
import { withCompressedBlock, type CompressedRun, type SummaryWithCompressed } from './compressedRun.js';
import { layersCsv } from './csv.js';
import { renderEnergyChart } from './energyChart.js';
import { writeFileSet, type FileContent } from './fileSet.js';

export const TIMELINE_FILE = 'timeline.svg';
export const TRADEOFF_FILE = 'tradeoff.svg';
export const COMPRESSED_FILES = ['layers-compressed.csv', 'energy-compare.svg'] as const;

export interface RunExtras {
  /** A rendered timeline (renderTimeline), written as timeline.svg with the other files. */
  readonly timelineSvg?: string;
  /** A rendered trade-off chart (renderTradeoff), written as tradeoff.svg. */
  readonly tradeoffSvg?: string;
  /** The run of the shared network: becomes summary.json's `compressed` block and two more files. */
  readonly compressed?: CompressedRun;
  /** More files of the run, written with these (the --functional check's, functionalFiles.ts). */
  readonly files?: readonly FileContent[];
  /** Files in the folder the run read and must not take out (FileSetOptions.keep). */
  readonly keep?: readonly string[];
}

/**
 * Typed arrays never belong in the JSON: a shared layer's indices (layer.sharing.index) run to millions of
 * entries, which JSON.stringify would spell out one key each. Dropped here whatever record they reach.
 */
const noTypedArrays = (_key: string, value: unknown): unknown => (ArrayBuffer.isView(value) ? undefined : value);

/** Pretty JSON in the object's own key order, newline-terminated. */
export function summaryJson(summary: RunSummary | SummaryWithCompressed): string {
  return `${JSON.stringify(summary, noTypedArrays, 2)}\n`;
}

/** Returns the paths written and summary.json's text. Every content is produced before anything touches the disk; see writeFileSet for the all-or-nothing write. */
export function writeRunOutputs(summary: RunSummary, outDir: string, extra: RunExtras = {}): { files: string[]; json: string } {
  const { compressed } = extra;
  const json = summaryJson(compressed ? withCompressedBlock(summary, compressed) : summary);
  const contents: FileContent[] = [
    ['layers.csv', layersCsv(summary)],
    ['summary.json', json],
    ['energy.svg', renderEnergyChart(summary)],
  ];
  if (extra.timelineSvg !== undefined) contents.push([TIMELINE_FILE, extra.timelineSvg]);
  if (extra.tradeoffSvg !== undefined) contents.push([TRADEOFF_FILE, extra.tradeoffSvg]);
  if (compressed) {
    contents.push([COMPRESSED_FILES[0], layersCsv(compressed.summary)], [COMPRESSED_FILES[1], renderCompareChart(summary, compressed)]);
  }
  contents.push(...(extra.files ?? []));
  return { files: writeFileSet(outDir, contents, { keep: extra.keep }), json };
}
