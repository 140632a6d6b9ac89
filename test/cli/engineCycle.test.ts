// The cycle engine, one-layer runs, given mappings and the functional mode, as a user runs them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/model/result.js';
import { readJson } from '../jsonValue.js';
import { runAllHere } from './inProcess.js';
import type { FunctionalReport } from '../../src/report/functionalFiles.js';
import { eyerissFile, run, where } from './runCli.js';

let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-cycle-'));
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const summaryOf = (dir: string) => readJson<RunSummary>(path.join(dir, 'summary.json'));

describe('--engine cycle', () => {
  it('gives the same accesses as the analytical engine, simulated cycles and a stall breakdown', async () => {
    const [a, c] = [path.join(tmp, 'a'), path.join(tmp, 'c')];
    const [ra, rc] = await Promise.all([
      run('--hw', eyerissFile, '--model', 'lenet5', '--batch', '2', '--out', a),
      run('--hw', eyerissFile, '--model', 'lenet5', '--batch', '2', '--out', c, '--engine', 'cycle'),
    ]);
    expect(ra.status, where(ra)).toBe(0);
    expect(rc.status, where(rc)).toBe(0);
    const [sa, sc] = [summaryOf(a), summaryOf(c)];
    expect(sc.engine).toBe('cycle');
    expect(sc.layers.map((l) => l.accesses)).toEqual(sa.layers.map((l) => l.accesses));
    for (const l of sc.layers) {
      const analytical = sa.layers.find((x) => x.name === l.name)!.cycles;
      const simulation = l.simulation!;
      expect(simulation.analyticalCycles).toBe(analytical);
      // The simulated cycles, not the estimate: never below it (a lower bound), and the utilization is theirs.
      expect(l.cycles).toBeGreaterThanOrEqual(analytical);
      expect(l.utilization).toBeCloseTo(l.macs / (l.cycles * sc.hardware.peCount), 12);
      expect(Object.keys(simulation.stallCycles).sort()).toEqual(['dram', 'glb', 'noc', 'psumDrain']);
      const stalls = Object.values(simulation.stallCycles).reduce((a, b) => a + b, 0);
      expect(stalls).toBeLessThanOrEqual(l.cycles);
    }
    // Some layer waits for data on this chip, so the simulated total is above the estimate's.
    expect(sc.totals.cycles).toBeGreaterThan(sa.totals.cycles);
    expect(fs.readFileSync(path.join(c, 'layers.csv'), 'utf8').split('\n')[0]).toContain('stall_dram_cycles');
    expect(fs.existsSync(path.join(c, 'timeline.svg'))).toBe(false);
    expect(fs.existsSync(path.join(c, 'tradeoff.svg'))).toBe(false);
  });

  it('chooses by simulated cycles among --refine candidates with a time objective, and says so', async () => {
    const [one, three] = [path.join(tmp, 'r1'), path.join(tmp, 'r3')];
    const args = ['--hw', eyerissFile, '--model', 'lenet5', '--batch', '2', '--engine', 'cycle', '--objective', 'latency'];
    const [r1, r3] = await Promise.all([run(...args, '--refine', '1', '--out', one), run(...args, '--refine', '3', '--out', three)]);
    expect(r1.status, where(r1)).toBe(0);
    expect(r3.status, where(r3)).toBe(0);
    const [s1, s3] = [summaryOf(one), summaryOf(three)];
    s3.layers.forEach((l, i) => {
      const { candidates, chosenRank, unrefinedCycles } = l.simulation!.refinement!;
      expect(candidates).toBeGreaterThanOrEqual(1);
      expect(candidates).toBeLessThanOrEqual(3);
      expect(chosenRank).toBeLessThan(candidates);
      expect(unrefinedCycles).toBe(s1.layers[i].cycles);
      expect(l.cycles).toBeLessThanOrEqual(unrefinedCycles);
      expect(s1.layers[i].simulation!.refinement).toBeUndefined();
    });
    expect(r3.stdout).toMatch(/^refinement: up to [1-3] of the analytical ranking's best mappings simulated per layer; /m);
    expect(r1.stdout).not.toContain('refinement:');
  });

  it('writes timeline.svg for one layer and checks the functional output', async () => {
    const out = path.join(tmp, 'one');
    const r = await run('--hw', eyerissFile, '--model', 'alexnet', '--layer', 'CONV5', '--engine', 'cycle', '--functional', '--out', out);
    expect(r.status, where(r)).toBe(0);
    expect(r.stdout).toContain('equals the reference convolution exactly');
    expect(fs.readFileSync(path.join(out, 'timeline.svg'), 'utf8')).toContain('<svg');
    // The layer's trade-off: the mappings the searches evaluated, the energy-optimal one circled.
    const tradeoff = fs.readFileSync(path.join(out, 'tradeoff.svg'), 'utf8');
    expect(tradeoff).toContain('alexnet CONV5: energy vs cycles of the');
    expect(tradeoff.match(/class="ring"/g)).toHaveLength(1);
    const report = readJson<FunctionalReport>(path.join(out, 'functional.json'));
    expect(report).toMatchObject({ layer: 'CONV5', mismatches: 0, outputs: 256 * 13 * 13 });
    expect(fs.statSync(path.join(out, 'output.bin')).size).toBe(4 * 256 * 13 * 13);
    expect(summaryOf(out).layers.map((l) => l.name)).toEqual(['CONV5']);
  });

  it('runs a given mapping file and refuses an illegal one with the failing constraint', async () => {
    const good = path.join(tmp, 'good.json');
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(good, JSON.stringify({ e: 13, r: 1, t: 1, p: 8, q: 2, n: 1, glbFactor: { M: 2 } }));
    fs.writeFileSync(bad, JSON.stringify({ e: 13, r: 1, t: 1, p: 30, q: 2, n: 1 }));
    const [rg, rb, rm] = await Promise.all([
      run(
        '--hw',
        eyerissFile,
        '--model',
        'alexnet',
        '--layer',
        'CONV4',
        '--mapping',
        good,
        '--engine',
        'cycle',
        '--out',
        path.join(tmp, 'g'),
      ),
      run('--hw', eyerissFile, '--model', 'alexnet', '--layer', 'CONV4', '--mapping', bad, '--out', path.join(tmp, 'b')),
      run('--hw', eyerissFile, '--model', 'alexnet', '--mapping', good, '--out', path.join(tmp, 'm')),
    ]);
    expect(rg.status, where(rg)).toBe(0);
    expect(summaryOf(path.join(tmp, 'g')).layers[0].mapping).toMatch(/^e13 r1 t1 g1 p8 q2 n1 \| GLB x1N x2M/);
    expect(rb.status, where(rb)).toBe(2);
    expect(rb.stderr).toContain(
      `dkm-sim: ${bad}: $: expected a mapping legal for layer "CONV4" on the hardware in ${eyerissFile}, got one that is not: psum spad holds 24 words but p=30`,
    );
    expect(fs.existsSync(path.join(tmp, 'b'))).toBe(false);
    expect(rm.status, where(rm)).toBe(2);
    expect(rm.stderr).toContain('--mapping applies to one layer');
  });

  it('names the file and field of a malformed mapping file, and unknown layers', async () => {
    const typo = path.join(tmp, 'typo.json');
    fs.writeFileSync(typo, JSON.stringify({ e: 13, r: 1, t: 1, p: 8, q: 2, n: 1, dramOrder: ['N', 'M', 'M', 'E'] }));
    const [rt, rl, rf] = await runAllHere(
      ['--hw', eyerissFile, '--model', 'alexnet', '--layer', 'CONV4', '--mapping', typo, '--out', path.join(tmp, 't')],
      ['--hw', eyerissFile, '--model', 'alexnet', '--layer', 'CONV9', '--out', path.join(tmp, 'l')],
      ['--hw', eyerissFile, '--model', 'alexnet', '--functional', '--engine', 'cycle', '--out', path.join(tmp, 'f')],
    );
    expect(rt.status, where(rt)).toBe(2);
    expect(rt.stderr).toContain(`${typo}: dramOrder: expected each of "N", "M", "C", "E" exactly once`);
    expect(rl.status, where(rl)).toBe(2);
    expect(rl.stderr).toMatch(/--layer "CONV9" is not a layer of alexnet; its layers are: CONV1, CONV2/);
    expect(rf.status, where(rf)).toBe(2);
    expect(rf.stderr).toContain('--functional simulates values of one layer');
  });
});
