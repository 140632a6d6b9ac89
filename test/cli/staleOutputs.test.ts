// A reused output folder holds exactly the files of the last run into it (the README's own sequence: a
// compressed run, then a plain one), files dkm-sim did not write survive, a run that fails leaves the previous
// run's files as they were, and a sweep into a folder keeps its rows. In-process: the files are the point here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runSimulate, type SimulateArgs } from '../../src/cli/simulate.js';
import type { RunSummary } from '../../src/model/result.js';
import { RECORD_FILE } from '../../src/report/fileRecord.js';
import { DEFAULT_REFINE, DEFAULT_SEARCH_LIMIT } from '../../src/search/search.js';
import { readJson } from '../jsonValue.js';
import { eyerissFile } from './runCli.js';
import { folderSnapshot, sweep, sweepRows, writePlainHardware } from './sweepFolders.js';

let tmp: string;
let hw: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-stale-'));
  hw = writePlainHardware(tmp);
});
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function simulate(args: Partial<SimulateArgs> & Pick<SimulateArgs, 'out'>): Promise<void> {
  const quiet = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    await runSimulate({
      hw,
      model: 'lenet5',
      batch: 1,
      objective: 'energy',
      engine: 'analytical',
      json: false,
      searchLimit: DEFAULT_SEARCH_LIMIT,
      refine: DEFAULT_REFINE,
      functional: false,
      seed: 1,
      ...args,
    });
  } finally {
    quiet.mockRestore();
  }
}

const listing = (dir: string) => fs.readdirSync(dir).sort();
const RUN = ['energy.svg', 'layers.csv', 'summary.json'];

describe('a reused output folder', () => {
  it("holds exactly the last run's files, keeps files dkm-sim did not write, and survives a failed run", async () => {
    const out = path.join(tmp, 'reused');
    await simulate({ out, compression: { compress: 'dkm', clusterRate: 0.1 } });
    expect(listing(out)).toEqual([RECORD_FILE, 'energy-compare.svg', ...RUN, 'layers-compressed.csv'].sort());
    fs.writeFileSync(path.join(out, 'notes.txt'), 'mine');

    // A run that fails (after the folder check) changes nothing.
    const before = folderSnapshot(out);
    await expect(simulate({ out, layer: 'conv9' })).rejects.toThrow(/--layer "conv9" is not a layer of lenet5/);
    expect(folderSnapshot(out)).toEqual(before);

    await simulate({ out, batch: 4 });
    expect(listing(out)).toEqual([RECORD_FILE, ...RUN, 'notes.txt'].sort());
    expect(readJson<RunSummary>(path.join(out, 'summary.json')).batch).toBe(4);

    await simulate({ out, layer: 'conv2', engine: 'cycle', functional: true });
    expect(listing(out)).toEqual(
      [RECORD_FILE, ...RUN, 'functional.json', 'notes.txt', 'output.bin', 'timeline.svg', 'tradeoff.svg'].sort(),
    );

    await simulate({ out });
    expect(listing(out)).toEqual([RECORD_FILE, ...RUN, 'notes.txt'].sort());
    expect(fs.readFileSync(path.join(out, 'notes.txt'), 'utf8')).toBe('mine');
  }, 120_000);

  it('a sweep takes out the files of a run before it and keeps its own rows when resumed', async () => {
    const out = path.join(tmp, 'sweep');
    await simulate({ out });
    const vary = ['peArray=12x14,16x16'];
    await sweep({ hw, model: 'lenet5', vary, out });
    const rows = sweepRows(out);
    expect(rows).toHaveLength(2);
    expect(listing(out)).not.toContain('summary.json');
    // A resumed sweep with nothing left to do writes the same folder again, rows included.
    const before = folderSnapshot(out);
    await sweep({ hw, model: 'lenet5', vary, out, resume: true });
    expect(folderSnapshot(out)).toEqual(before);
    expect(sweepRows(out)).toEqual(rows);
  }, 120_000);

  it('writes the same bytes, its record included, for the same run', async () => {
    const [a, b] = [path.join(tmp, 'same-a'), path.join(tmp, 'same-b')];
    await simulate({ out: a, hw: eyerissFile });
    await simulate({ out: b, hw: eyerissFile });
    expect(folderSnapshot(a)).toEqual(folderSnapshot(b));
  }, 120_000);
});
