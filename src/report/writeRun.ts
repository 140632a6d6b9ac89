// The files of one run: layers.csv, summary.json, energy.svg and, for a simulated layer, timeline.svg,
// written all together or not at all.
import type { RunSummary } from '../model/result.js';
import { layersCsv } from './csv.js';
import { renderEnergyChart } from './energyChart.js';
import { writeFileSet } from './fileSet.js';

export const RUN_FILES = ['layers.csv', 'summary.json', 'energy.svg'] as const;
export const TIMELINE_FILE = 'timeline.svg';

export interface RunExtras {
  /** A rendered timeline (renderTimeline), written as timeline.svg with the other files. */
  readonly timelineSvg?: string;
}

/** Pretty JSON in the object's own key order, newline-terminated. */
export function summaryJson(summary: RunSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

/** Every content is produced before anything touches the disk; see writeFileSet for the all-or-nothing write. */
export function writeRunOutputs(summary: RunSummary, outDir: string, extra: RunExtras = {}): { files: string[] } {
  const contents: [string, string][] = [
    ['layers.csv', layersCsv(summary)],
    ['summary.json', summaryJson(summary)],
    ['energy.svg', renderEnergyChart(summary)],
  ];
  if (extra.timelineSvg !== undefined) contents.push([TIMELINE_FILE, extra.timelineSvg]);
  return { files: writeFileSet(outDir, contents) };
}
