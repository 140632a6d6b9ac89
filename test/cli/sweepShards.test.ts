// Sharded sweeps: `--shard i/n` for every i, joined by `dkm-sim merge`, write exactly the files of one unsharded
// run; merge refuses folders that do not make one whole sweep (exit 2, the message naming the folder) and then
// writes nothing. The shards run in this process; merge, whose exit codes are under test, runs as the CLI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHere } from './inProcess.js';
import { run, where } from './runCli.js';
import { copyFolder, expectSameFolder, sweep, sweepRows } from './sweepFolders.js';

// Six points, the first two with no legal mapping (a 256-byte GLB), so that invalid rows are merged too.
const SWEEP = { hw: 'hardware/eyeriss.json', model: 'lenet5', vary: ['glb.capacityBytes=256,8KiB,64KiB', 'peArray=12x14,16x16'] };
const POINTS = 6;

let tmp: string;
let whole: string;
const shardDir = (i: number, n: number) => path.join(tmp, `shard-${i}-of-${n}`);
const shards = (n: number) => Array.from({ length: n }, (_, i) => shardDir(i, n));

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-sweep-shards-'));
  whole = path.join(tmp, 'whole');
  await sweep({ ...SWEEP, out: whole });
  // 4 shards of 6 points hold 1, 2, 1 and 2 points; 8 shards leave two of them empty.
  for (const n of [4, 8]) {
    for (let i = 0; i < n; i++) await sweep({ ...SWEEP, out: shardDir(i, n), shard: `${i}/${n}` });
  }
}, 300_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('shards', () => {
  it('cover every point once, in contiguous slices', () => {
    for (const n of [4, 8]) {
      const points = shards(n).map((dir) => sweepRows(dir).map((r) => r.point));
      expect(points.flat()).toEqual(Array.from({ length: POINTS }, (_, i) => i));
    }
    // floor(i * 6 / 4) .. floor((i + 1) * 6 / 4) - 1
    expect(shards(4).map((dir) => sweepRows(dir).map((r) => r.point))).toEqual([[0], [1, 2], [3], [4, 5]]);
    expect(
      sweepRows(whole)
        .filter((r) => r.status === 'invalid')
        .map((r) => r.point),
    ).toEqual([0, 1]);
  });

  it.each([4, 8])('%i of them merged write the files of the unsharded run, byte for byte', async (n) => {
    const out = path.join(tmp, `merged-${n}`);
    const r = await run('merge', ...shards(n), '--out', out);
    expect(r.status, where(r)).toBe(0);
    expectSameFolder(out, whole);
  });

  it('merge takes the folders in any order', async () => {
    const out = path.join(tmp, 'merged-reversed');
    const r = await run('merge', ...shards(4).reverse(), '--out', out);
    expect(r.status, where(r)).toBe(0);
    expectSameFolder(out, whole);
  });
});

describe('merge refuses folders that are not one whole sweep, and writes nothing', () => {
  it('an incomplete shard', async ({ expect }) => {
    const cut = path.join(tmp, 'incomplete-1-of-4');
    copyFolder(shardDir(1, 4), cut);
    const records = path.join(cut, 'sweep.jsonl');
    fs.writeFileSync(records, `${fs.readFileSync(records, 'utf8').split('\n')[0]}\n`);
    const [s0, , s2, s3] = shards(4);
    const out = path.join(tmp, 'refused-incomplete');
    const r = await runHere('merge', s0, cut, s2, s3, '--out', out);
    expect(r.status, where(r)).toBe(2);
    expect(r.stderr).toContain(`dkm-sim: ${cut} misses 1 of its 2 points`);
    expect(r.stderr).toContain('--resume');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('a shard given twice', async ({ expect }) => {
    const [s0, s1, s2, s3] = shards(4);
    const out = path.join(tmp, 'refused-twice');
    const r = await runHere('merge', s0, s1, s2, s1, s3, '--out', out);
    expect(r.status, where(r)).toBe(2);
    expect(r.stderr).toContain(`dkm-sim: point 1 is in both ${s1} and ${s1}`);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('a shard of another sweep', async ({ expect }) => {
    const other = path.join(tmp, 'other-sweep-3-of-4');
    await sweep({ ...SWEEP, objective: 'latency', out: other, shard: '3/4' });
    const [s0, s1, s2] = shards(4);
    const out = path.join(tmp, 'refused-other');
    const r = await runHere('merge', s0, s1, s2, other, '--out', out);
    expect(r.status, where(r)).toBe(2);
    expect(r.stderr).toContain(`dkm-sim: ${other} holds another sweep than ${s0}`);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('a missing shard', async ({ expect }) => {
    const [s0, s1, , s3] = shards(4);
    const out = path.join(tmp, 'refused-missing');
    const r = await runHere('merge', s0, s1, s3, '--out', out);
    expect(r.status, where(r)).toBe(2);
    // Shard 2 of 4 holds point 3 alone.
    expect(r.stderr).toContain("dkm-sim: the folders hold 5 of the sweep's 6 points (missing 3)");
    expect(fs.existsSync(out)).toBe(false);
  });

  it('a folder that holds no sweep', async ({ expect }) => {
    const empty = fs.mkdtempSync(path.join(tmp, 'not-a-sweep-'));
    const out = path.join(tmp, 'refused-empty');
    const r = await runHere('merge', ...shards(4), empty, '--out', out);
    expect(r.status, where(r)).toBe(2);
    expect(r.stderr).toContain(`dkm-sim: ${path.join(empty, 'sweep.json')}: cannot read the sweep's manifest`);
    expect(fs.existsSync(out)).toBe(false);
  });
});
