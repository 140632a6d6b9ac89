// A sweep run: the manifest first, then every missing point's row appended to sweep.jsonl (and sweep.csv) as
// it finishes, then all files rewritten in point order. A killed run loses only the points it was working
// on; `resume` reads sweep.jsonl back and evaluates only what is missing, and ends with the same files as a
// run that was never interrupted. The first write already takes out the files of an earlier run into the folder
// that this one will not write (a finished sweep's plots and pareto.csv come back at the end), never sweep.jsonl.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileSet } from '../report/fileSet.js';
import { csvLines, sweepCsvHeader, sweepCsvRecord } from '../report/sweepCsv.js';
import { definitionKey, manifestJson, type SweepDefinition, type SweepManifest } from './manifest.js';
import type { SweepNetwork } from './networks.js';
import { sweepColumns, sweepFiles } from './outputs.js';
import type { PreparedPoint, Shard } from './prepare.js';
import { dropPartialLine, readRecords } from './records.js';
import { rowLine, type SweepRow } from './row.js';
import { evaluatePoint, type PointRunOptions } from './evaluatePoint.js';
import { shardRange } from './grid.js';
import { reuseGroups } from './schedule.js';
import { SearchCache } from '../search/cache.js';

export const MANIFEST_FILE = 'sweep.json';
export const RECORDS_FILE = 'sweep.jsonl';
export const CSV_FILE = 'sweep.csv';

/** An output folder that cannot take this sweep (another sweep's rows, or rows without --resume). */
export class SweepFolderError extends Error {
  override readonly name = 'SweepFolderError';
}

/** Evaluates the given points, calling onRow as each finishes (in any order); resolves when all are done. */
export type PointEvaluator = (points: readonly PreparedPoint[], onRow: (row: SweepRow) => void) => Promise<void>;

export interface SweepInput {
  readonly definition: SweepDefinition;
  readonly total: number;
  readonly shard?: Shard;
  readonly points: readonly PreparedPoint[];
}

export interface SweepRunOptions {
  readonly outDir: string;
  readonly resume: boolean;
  /** Files in the folder the sweep read (its weights) and must not take out. */
  readonly keep?: readonly string[];
  /** Called before any evaluation with the rows already on disk and the number still to do. */
  readonly onStart?: (done: number, todo: number) => void;
  readonly onRow?: (row: SweepRow) => void;
}

export function sweepManifest(input: SweepInput): SweepManifest {
  const shard = input.shard && { ...input.shard, ...rangeOf(input) };
  return { tool: 'dkm-sim', kind: 'sweep', ...input.definition, points: input.total, ...(shard && { shard }) };
}

const rangeOf = (input: SweepInput) =>
  input.shard ? shardRange(input.total, input.shard.index, input.shard.count) : { first: 0, end: input.total };

function readManifest(file: string): SweepManifest {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SweepManifest;
  } catch (err) {
    throw new SweepFolderError(
      `${file}: cannot read the sweep's manifest (${(err as Error).message}); start the sweep in a new --out folder`,
    );
  }
}

/** The rows already done in `outDir` that this run may keep (none without --resume). */
function rowsOnDisk(manifest: SweepManifest, o: SweepRunOptions): { rows: SweepRow[]; completeBytes: number } {
  const manifestFile = path.join(o.outDir, MANIFEST_FILE);
  const recordsFile = path.join(o.outDir, RECORDS_FILE);
  const exists = fs.existsSync(manifestFile) || fs.existsSync(recordsFile);
  if (!exists) return { rows: [], completeBytes: 0 };
  if (!o.resume) {
    throw new SweepFolderError(`${o.outDir} already holds a sweep (${RECORDS_FILE}): add --resume to finish it, or give another --out`);
  }
  const before = readManifest(manifestFile);
  if (definitionKey(before) !== definitionKey(manifest) || JSON.stringify(before.shard) !== JSON.stringify(manifest.shard)) {
    throw new SweepFolderError(
      `${manifestFile} describes another sweep (different hardware, model, options, axes or shard); --resume continues only the same sweep: give another --out`,
    );
  }
  const read = readRecords(recordsFile);
  const { first, end } = manifest.shard ?? { first: 0, end: manifest.points };
  const stray = read.rows.find((r) => r.point < first || r.point >= end);
  if (stray) throw new SweepFolderError(`${recordsFile}: point ${stray.point} is not one of this sweep's points ${first}..${end - 1}`);
  return read;
}

/**
 * `evaluator` is made only once the folder is known to take this sweep and some point is missing, so that a
 * refused --resume costs no k-means and no worker start-up.
 */
export async function runSweep(
  input: SweepInput,
  evaluator: () => PointEvaluator,
  o: SweepRunOptions,
): Promise<{ rows: SweepRow[]; files: string[] }> {
  const manifest = sweepManifest(input);
  const { rows: done, completeBytes } = rowsOnDisk(manifest, o);
  const finished = new Set(done.map((r) => r.point));
  const todo = input.points.filter((p) => !finished.has(p.index));
  o.onStart?.(done.length, todo.length);
  const columns = sweepColumns(manifest);
  const recordsFile = path.join(o.outDir, RECORDS_FILE);
  const csvFile = path.join(o.outDir, CSV_FILE);
  // sweep.jsonl stays (the rows done are the record of truth) and, like sweep.csv, grows as points finish.
  writeFileSet(
    o.outDir,
    [
      [MANIFEST_FILE, manifestJson(manifest)],
      [CSV_FILE, csvLines([sweepCsvHeader(columns), ...done.map((r) => sweepCsvRecord(columns, r))])],
    ],
    { keep: [RECORDS_FILE, ...(o.keep ?? [])], growing: [CSV_FILE, RECORDS_FILE] },
  );
  dropPartialLine(recordsFile, completeBytes);
  const rows = [...done];
  if (todo.length > 0)
    await evaluator()(todo, (row) => {
      fs.appendFileSync(recordsFile, rowLine(row));
      fs.appendFileSync(csvFile, csvLines([sweepCsvRecord(columns, row)]));
      rows.push(row);
      o.onRow?.(row);
    });
  rows.sort((a, b) => a.point - b.point);
  return { rows, files: writeFileSet(o.outDir, sweepFiles(manifest, rows, columns), { keep: o.keep }) };
}

/** Runs points in this thread, group by group (see schedule.ts), one SearchCache per group. */
export function inlineEvaluator(networks: readonly SweepNetwork[], options: PointRunOptions): PointEvaluator {
  return (points, onRow) => {
    for (const group of reuseGroups(points)) {
      const cache = new SearchCache();
      for (const p of group) onRow(evaluatePoint(p, networks[p.network], { ...options, cache }));
    }
    return Promise.resolve();
  };
}
