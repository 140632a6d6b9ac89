// A sweep killed mid-run and resumed ends with the files of a run never interrupted: a real child process
// running the built CLI is SIGKILLed once rows are in sweep.jsonl, then the same command with --resume finishes
// it. Also: a cut-off last line is dropped and recomputed, --resume refuses another sweep's folder, a rerun
// without --resume refuses a folder holding a sweep, and the worker count changes no byte.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SweepFolderError } from '../../src/explore/sweep.js';
import { readJson, type JsonObject } from '../jsonValue.js';
import { cli, root, run, where } from './runCli.js';
import { copyFolder, expectSameFolder, folderSnapshot, sweep, writePlainHardware } from './sweepFolders.js';

// One array, five GLB sizes (32 to 432 KiB): one reuse group, which two threads split at a buffer-size
// boundary. AlexNet's searches take long enough for a kill to land between rows. The hardware is eyeriss.json
// in plain numbers, so that each CLI process starts without mathjs.
const MODEL = 'alexnet';
const VARY = ['glb.capacityBytes=32768,65536,110592,221184,442368'];
const POINTS = 5;

let tmp: string;
let hw: string;
let sweepArgs: string[];
/** The uninterrupted run on two threads, and the same sweep on one. */
let reference: string;
let oneThread: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-sweep-resume-'));
  hw = writePlainHardware(tmp);
  sweepArgs = ['sweep', '--hw', hw, '--model', MODEL, ...VARY.flatMap((v) => ['--vary', v])];
  reference = path.join(tmp, 'reference');
  oneThread = path.join(tmp, 'one-thread');
  await sweep({ hw, model: MODEL, vary: VARY, out: reference, threads: 2 });
  await sweep({ hw, model: MODEL, vary: VARY, out: oneThread, threads: 1 });
}, 300_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const completeLines = (file: string): number => {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').length - 1;
  } catch {
    return 0;
  }
};

/** Runs the sweep in a child process and SIGKILLs it as soon as `rows` rows are in its sweep.jsonl. */
async function killAfterRows(out: string, rows: number): Promise<{ signal: NodeJS.Signals | null; code: number | null }> {
  const child = spawn(process.execPath, [cli, ...sweepArgs, '--quiet', '--threads', '2', '--out', out], { cwd: root, stdio: 'ignore' });
  const exited = new Promise<{ signal: NodeJS.Signals | null; code: number | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const records = path.join(out, 'sweep.jsonl');
  const deadline = Date.now() + 240_000;
  while (child.exitCode === null && child.signalCode === null && Date.now() < deadline) {
    if (completeLines(records) >= rows) {
      child.kill('SIGKILL');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  return exited;
}

describe('a sweep killed mid-run, then resumed', () => {
  it("keeps the rows finished before the kill, evaluates only the others and ends with the uninterrupted run's files", async () => {
    const out = path.join(tmp, 'killed');
    const end = await killAfterRows(out, 1);
    expect(end.signal, `the sweep ended on its own (exit ${end.code}) before it could be killed`).toBe('SIGKILL');
    const kept = completeLines(path.join(out, 'sweep.jsonl'));
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(kept, 'killed after its last row: nothing left to resume').toBeLessThan(POINTS);

    // Resumed on one thread (the killed run had two): the thread count is no part of the sweep.
    const r = await run(...sweepArgs, '--out', out, '--resume', '--threads', '1');
    expect(r.status, where(r)).toBe(0);
    expect(r.stderr).toContain(`${POINTS - kept} points to evaluate (${kept} already in sweep.jsonl)`);
    expectSameFolder(out, reference);
  }, 300_000);

  it('drops a cut-off last line and evaluates its point again', async () => {
    const out = path.join(tmp, 'cut');
    copyFolder(reference, out);
    const records = path.join(out, 'sweep.jsonl');
    const lines = fs.readFileSync(records, 'utf8').split('\n');
    // Rows 0-2 whole, row 3 cut in the middle of its totals, row 4 never written.
    fs.writeFileSync(records, `${lines.slice(0, 3).join('\n')}\n${lines[3].slice(0, Math.floor(lines[3].length / 2))}`);
    const r = await run(...sweepArgs, '--out', out, '--resume', '--threads', '1');
    expect(r.status, where(r)).toBe(0);
    expect(r.stderr).toContain('2 points to evaluate (3 already in sweep.jsonl)');
    expectSameFolder(out, reference);
  }, 300_000);
});

describe('a folder that holds a sweep', () => {
  it('--resume refuses it when it holds another sweep, and leaves it untouched', async () => {
    const out = path.join(tmp, 'other-sweep');
    copyFolder(reference, out);
    const before = folderSnapshot(out);
    const r = await run('sweep', '--hw', hw, '--model', MODEL, '--vary', 'glb.capacityBytes=32768,65536', '--out', out, '--resume');
    expect(r.status, where(r)).toBe(2);
    expect(r.stderr).toContain(`dkm-sim: ${path.join(out, 'sweep.json')} describes another sweep`);
    expect(r.stderr).toContain('give another --out');
    expect(folderSnapshot(out)).toEqual(before);
  });

  it('a run without --resume refuses it, and leaves it untouched', async () => {
    const out = path.join(tmp, 'no-resume');
    copyFolder(reference, out);
    const before = folderSnapshot(out);
    const r = await run(...sweepArgs, '--out', out);
    expect(r.status, where(r)).toBe(2);
    expect(r.stderr).toContain(`dkm-sim: ${out} already holds a sweep`);
    expect(r.stderr).toContain('--resume');
    expect(folderSnapshot(out)).toEqual(before);
  });

  it('--resume refuses it when the model file changed since', async () => {
    const model = path.join(tmp, 'small.json');
    fs.copyFileSync(path.join(root, 'models', 'example-small.json'), model);
    const out = path.join(tmp, 'model-changed');
    const vary = ['peArray=12x14,16x16'];
    await sweep({ hw, model, vary, out });
    const json = readJson<{ layers: JsonObject[] }>(model);
    json.layers[0].M = 32;
    json.layers[1].C = 32;
    fs.writeFileSync(model, JSON.stringify(json));
    const before = folderSnapshot(out);
    await expect(sweep({ hw, model, vary, out, resume: true })).rejects.toThrow(SweepFolderError);
    expect(folderSnapshot(out)).toEqual(before);
  });
});

describe('worker threads', () => {
  it('one thread and two write the same bytes', () => {
    expectSameFolder(oneThread, reference);
  });
});
