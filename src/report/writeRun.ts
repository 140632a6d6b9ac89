// The files of one run: layers.csv, summary.json and energy.svg, written all together or not at all.
import type { RunSummary } from '../model/result.js';
import { layersCsv } from './csv.js';
import { renderEnergyChart } from './energyChart.js';
import { writeFileSet } from './fileSet.js';

export const RUN_FILES = ['layers.csv', 'summary.json', 'energy.svg'] as const;

/** Pretty JSON in the object's own key order, newline-terminated. */
export function summaryJson(summary: RunSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

/** Every content is produced before anything touches the disk; see writeFileSet for the all-or-nothing write. */
export function writeRunOutputs(summary: RunSummary, outDir: string): { files: string[] } {
  const contents: [string, string][] = [
    ['layers.csv', layersCsv(summary)],
    ['summary.json', summaryJson(summary)],
    ['energy.svg', renderEnergyChart(summary)],
  ];
  return { files: writeFileSet(outDir, contents) };
}
