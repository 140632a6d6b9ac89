// `dkm-sim validate` input errors, as a user meets them (the built CLI in a child process). The full run takes
// minutes, so it is exercised through the library in validate.test.ts, not here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, where } from '../cli/runCli.js';
import { objectAt, parseJson } from '../jsonValue.js';

let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-validate-cli-'));
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('dkm-sim validate', () => {
  it('exits 2 naming a hardware file that does not exist, and writes nothing', async () => {
    const missing = path.join(tmp, 'no-such-hw.json');
    const out = path.join(tmp, 'out');
    const r = await run('validate', '--hw', missing, '--out', out);
    expect(r.status, where(r)).toBe(2);
    expect(r.stderr).toContain(`dkm-sim: ${missing}`);
    expect(r.stderr).toMatch(/no such file/);
    expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(r.stdout).toBe('');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses hardware the dense layers cannot map on at once, before any k-means, naming the layer and the file', async () => {
    const chip = objectAt(parseJson(fs.readFileSync('hardware/eyeriss.json', 'utf8')));
    objectAt(chip, 'glb').capacityBytes = 16;
    const file = path.join(tmp, 'tiny-glb.json');
    fs.writeFileSync(file, JSON.stringify(chip));
    const out = path.join(tmp, 'tiny-out');
    const started = performance.now();
    const r = await run('validate', '--hw', file, '--out', out);
    // It took 23 s (the first points' k-means) before the check; a start-up and one pass-shape table now.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(r.status, where(r)).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^dkm-sim: layer "alexnet CONV1" has no legal row-stationary mapping on the hardware in ${file}: GLB tile needs \\d+ words .* but 8 are usable \\(glb.capacityBytes\\)\n$`,
      ),
    );
    expect(r.stdout).toBe('');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('exits 2 on a bad batch or seed', async () => {
    const [batch, seed] = await Promise.all([
      run('validate', '--batch', '0', '--out', path.join(tmp, 'b')),
      run('validate', '--weight-seed', '1.5', '--out', path.join(tmp, 's')),
    ]);
    expect(batch.status, where(batch)).toBe(2);
    expect(batch.stderr).toMatch(/--batch must be an integer from 1 to 4096, got 0/);
    expect(seed.status, where(seed)).toBe(2);
    expect(seed.stderr).toMatch(/--weight-seed must be an integer from -2\^52 to 2\^52, got 1\.5/);
  });

  it('documents its options', async () => {
    const r = await run('validate', '--help');
    expect(r.status, where(r)).toBe(0);
    for (const option of ['--hw', '--out', '--batch', '--weight-seed', '--json']) expect(r.stdout).toContain(option);
  });
});
