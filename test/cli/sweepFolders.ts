// Shared by the sweep tests: whole output folders compared byte for byte (whatever files a sweep writes: the
// set grows with plots and report.html), and `dkm-sim sweep` called in this process where the test is about
// the files and numbers rather than the process (exit codes and kills go through runCli.ts).
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { runSweepCommand, type SweepArgs } from '../../src/cli/sweep.js';
import { DEFAULT_WEIGHT_SEED } from '../../src/cli/sharingOptions.js';
import { DEFAULT_SEARCH_LIMIT } from '../../src/search/search.js';

/** Every file under `dir` (hidden ones and subfolders included), relative path -> bytes. */
export function folderSnapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const rel of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const abs = path.join(dir, rel);
    if (fs.statSync(abs).isFile()) files.set(rel, fs.readFileSync(abs));
  }
  return files;
}

/** `actual` holds exactly the files of `expected`, each with the same bytes. */
export function expectSameFolder(actual: string, expected: string): void {
  const a = folderSnapshot(actual);
  const e = folderSnapshot(expected);
  expect(e.has('sweep.jsonl'), `${expected} should hold a sweep`).toBe(true);
  expect([...a.keys()], `files of ${actual} against ${expected}`).toEqual([...e.keys()]);
  for (const [name, bytes] of e) {
    // Compared as text first, so that a difference shows as a readable diff.
    expect(a.get(name)!.toString('utf8'), `${actual}/${name}`).toBe(bytes.toString('utf8'));
    expect(a.get(name)!.equals(bytes), `${actual}/${name} bytes`).toBe(true);
  }
}

export const copyFolder = (from: string, to: string): void => fs.cpSync(from, to, { recursive: true });

/** The sweep command's defaults, as main.ts gives them; tests pass what they change. */
export type SweepCall = Pick<SweepArgs, 'hw' | 'model' | 'vary' | 'out'> & Partial<SweepArgs>;

export function sweep(args: SweepCall): Promise<void> {
  return runSweepCommand({
    batch: 1, engine: 'analytical', objective: 'energy', resume: false, quiet: true,
    searchLimit: DEFAULT_SEARCH_LIMIT, weightSeed: DEFAULT_WEIGHT_SEED, threads: 1, ...args,
  });
}

/** The rows of a sweep folder's sweep.jsonl. */
export const sweepRows = (dir: string): any[] =>
  fs.readFileSync(path.join(dir, 'sweep.jsonl'), 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
