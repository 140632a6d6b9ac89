// Shared by the sweep tests: whole output folders compared byte for byte (whatever files a sweep writes: the
// set grows with plots and report.html), and `dkm-sim sweep` called in this process where the test is about
// the files and numbers rather than the process (exit codes and kills go through runCli.ts).
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { runSweepCommand, type SweepArgs } from '../../src/cli/sweep.js';
import { DEFAULT_WEIGHT_SEED } from '../../src/cli/sharingOptions.js';
import type { SweepRow } from '../../src/explore/row.js';
import { DEFAULT_SEARCH_LIMIT } from '../../src/search/search.js';
import { parseAs } from '../jsonValue.js';
import { eyerissJson } from './jsonFiles.js';

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
    batch: 1,
    engine: 'analytical',
    objective: 'energy',
    resume: false,
    quiet: true,
    searchLimit: DEFAULT_SEARCH_LIMIT,
    weightSeed: DEFAULT_WEIGHT_SEED,
    threads: 1,
    ...args,
  });
}

/** The rows of a sweep folder's sweep.jsonl. */
export const sweepRows = (dir: string): SweepRow[] =>
  fs
    .readFileSync(path.join(dir, 'sweep.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => parseAs<SweepRow>(l));

/**
 * Writes hardware/eyeriss.json with each expression replaced by its value at the shipped sizes, where the
 * expressions are anchored (spad and GLB energies 1 and 6 per access, 4 / 27 GLB words per cycle per bank,
 * 4 * 60 / 200 = 1.2 DRAM words per cycle, a codebook RF of 224 filter words, GLB codebooks up to 108 KiB / 2),
 * and without its area section. Nothing in it needs mathjs, which a CLI process otherwise loads (most of its
 * start-up): for tests of the process contract rather than of expressions. Returns the file.
 */
export function writePlainHardware(dir: string): string {
  const hw = eyerissJson();
  delete hw.area;
  hw.glb.capacityBytes = 108 * 1024;
  hw.glb.wordsPerCyclePerBank = 4 / 27;
  hw.dram.wordsPerCycle = 1.2;
  hw.weightSharing.codebookRfWords = 224;
  hw.weightSharing.glbCodebookBytes = 54 * 1024;
  hw.energy = { ...hw.energy, rf: 1, glb: 6, codebookLookup: 1, psumAdd: 1 / 9 };
  const file = path.join(dir, 'eyeriss-plain.json');
  fs.writeFileSync(file, JSON.stringify(hw, null, 2));
  return file;
}
