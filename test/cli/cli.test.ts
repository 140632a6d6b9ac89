// The dkm-sim command as a user runs it (see runCli.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunSummary } from '../../src/model/result.js';
import { parseAs, readJson } from '../jsonValue.js';
import { run, where, type RunResult } from './runCli.js';
import { runHere } from './inProcess.js';
import { eyerissJson } from './jsonFiles.js';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';

const ZOO = ['alexnet', 'vgg16', 'googlenet', 'resnet18', 'resnet50', 'mobilenet-v1', 'wrn-16-4', 'lenet5'];

let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-cli-'));
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function writeHw(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('dkm-sim --help', () => {
  it('exits 0 and documents every option', async () => {
    const r = await run('--help');
    expect(r.status, where(r)).toBe(0);
    for (const opt of ['--hw', '--model', '--batch', '--objective', '--out', '--json', '--search-limit']) {
      expect(r.stdout, opt).toContain(opt);
    }
    for (const model of ZOO) expect(r.stdout, model).toContain(model);
  });
});

describe('a run of lenet5 on eyeriss.json', () => {
  let out: string;
  let result: RunResult;
  beforeAll(async () => {
    out = path.join(tmp, 'lenet-run');
    result = await run('--model', 'lenet5', '--hw', 'hardware/eyeriss.json', '--out', out);
  }, 120_000);

  it('exits 0 and writes layers.csv, summary.json and energy.svg', () => {
    expect(result.status, where(result)).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['.dkm-sim-files.json', 'energy.svg', 'layers.csv', 'summary.json']);
    expect(fs.readFileSync(path.join(out, 'energy.svg'), 'utf8')).toMatch(/<svg[\s>]/);
    const csv = fs.readFileSync(path.join(out, 'layers.csv'), 'utf8').trim().split(/\r?\n/);
    // header, conv1, conv2, fc1, fc2, TOTAL
    expect(csv.map((l) => l.split(',')[0])).toEqual(['layer', 'conv1', 'conv2', 'fc1', 'fc2', 'TOTAL']);
  });

  it('summary.json has the documented fields, consistent with each other', () => {
    const s = readJson<RunSummary>(path.join(out, 'summary.json'));
    expect(s.model).toBe('lenet5');
    expect(s.batch).toBe(1);
    expect(s.hardware.name).toBe('eyeriss-v1');
    expect(s.energyUnit).toBe('MAC');
    expect(s.layers.map((l) => l.name)).toEqual(['conv1', 'conv2', 'fc1', 'fc2']);
    // MACs by hand: conv1 24*24*20*1*5*5, conv2 8*8*50*20*5*5, fc1 500*800, fc2 10*500
    const macs = [288_000, 1_600_000, 400_000, 5_000];
    expect(s.layers.map((l) => l.macs)).toEqual(macs);
    for (const l of s.layers) {
      expect(typeof l.mapping, l.name).toBe('string');
      expect(l.mapping.length, l.name).toBeGreaterThan(0);
      expect(l.activePEs, l.name).toBeGreaterThan(0);
      expect(l.activePEs, l.name).toBeLessThanOrEqual(168);
      expect(l.utilization, l.name).toBeGreaterThan(0);
      expect(l.utilization, l.name).toBeLessThanOrEqual(1);
      expect(Number.isInteger(l.cycles) && l.cycles > 0, l.name).toBe(true);
      for (const p of ['mac', 'rf', 'noc', 'glb', 'dram', 'total'] as const) {
        expect(typeof l.energy[p], `${l.name} energy.${p}`).toBe('number');
      }
      const e = l.energy;
      expect(Math.abs(e.total - (e.mac + e.rf + e.noc + e.glb + e.dram))).toBeLessThanOrEqual(1e-9 * e.total);
      expect(e.mac, l.name).toBe(l.macs); // normalized table: one MAC costs 1
      for (const level of ['dram', 'glb', 'noc', 'rf'] as const) {
        for (const t of ['ifmap', 'filter', 'psum'] as const) {
          const v = l.accesses[level][t];
          expect(Number.isInteger(v) && v >= 0, `${l.name} accesses.${level}.${t}=${v}`).toBe(true);
        }
      }
      // filters bypass the GLB on Eyeriss
      expect(l.accesses.glb.filter, l.name).toBe(0);
    }
    expect(s.totals.macs).toBe(macs.reduce((a, b) => a + b, 0));
    const cycles = s.layers.reduce((a, l) => a + l.cycles, 0);
    expect(s.totals.cycles).toBe(cycles);
    expect(Math.abs(s.totals.latencyMs - cycles / 200_000)).toBeLessThanOrEqual(1e-12 * cycles);
    for (const p of ['mac', 'rf', 'noc', 'glb', 'dram', 'total'] as const) {
      const sum = s.layers.reduce((a, l) => a + l.energy[p], 0);
      expect(Math.abs(s.totals.energy[p] - sum), p).toBeLessThanOrEqual(1e-9 * Math.max(1, sum));
    }
  });

  it('--json prints exactly the summary.json it writes', async () => {
    const jsonOut = path.join(tmp, 'lenet-json');
    const r = await run('--model', 'lenet5', '--hw', 'hardware/eyeriss.json', '--out', jsonOut, '--json');
    expect(r.status, where(r)).toBe(0);
    const written = fs.readFileSync(path.join(jsonOut, 'summary.json'), 'utf8');
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(written));
    expect(r.stdout).toBe(written);
    // same inputs, same results as the table run
    const tableRun = readJson<RunSummary>(path.join(out, 'summary.json'));
    expect(parseAs<RunSummary>(written).layers).toEqual(tableRun.layers);
  }, 60_000);
});

describe('input errors exit 2 with one message and write nothing', () => {
  const noOutput = (expect: ExpectStatic, out: string) => expect(fs.existsSync(out), `${out} should not exist`).toBe(false);

  const badFiles: [string, () => string, string][] = [
    ['invalid JSON', () => '{ "name": "x", ', '$'],
    [
      'missing peArray.rows',
      () => {
        const j = eyerissJson();
        delete j.peArray.rows;
        return JSON.stringify(j);
      },
      'peArray.rows',
    ],
    [
      'an unknown key',
      () => {
        const j = eyerissJson();
        j.glb.colour = 'red';
        return JSON.stringify(j);
      },
      'glb.colour',
    ],
    [
      'a negative capacity',
      () => {
        const j = eyerissJson();
        j.glb.capacityBytes = -5;
        return JSON.stringify(j);
      },
      'glb.capacityBytes',
    ],
  ];

  for (const [what, content, jsonPath] of badFiles) {
    it(`a hardware file with ${what} names the file and ${jsonPath}`, async ({ expect }) => {
      const file = writeHw(`${jsonPath.replace(/\W/g, '_')}.json`, content());
      const out = path.join(tmp, `out-${jsonPath.replace(/\W/g, '_')}`);
      const r = await runHere('--model', 'lenet5', '--hw', file, '--out', out);
      expect(r.status, where(r)).toBe(2);
      expect(r.stderr).toContain(`${file}: ${jsonPath}: `);
      expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
      expect(r.stdout).toBe('');
      noOutput(expect, out);
    });
  }

  it('a missing hardware file', async ({ expect }) => {
    const out = path.join(tmp, 'out-missing');
    const file = path.join(tmp, 'no-such-hw.json');
    const r = await runHere('--model', 'lenet5', '--hw', file, '--out', out);
    expect(r.status, where(r)).toBe(2);
    expect(r.stderr).toContain(file);
    noOutput(expect, out);
  });

  it('an unknown model name lists the available models', async ({ expect }) => {
    const out = path.join(tmp, 'out-model');
    const r = await runHere('--model', 'lenet6', '--hw', 'hardware/eyeriss.json', '--out', out);
    expect(r.status, where(r)).toBe(2);
    expect(r.stderr).toContain('lenet6');
    for (const model of ZOO) expect(r.stderr, model).toContain(model);
    noOutput(expect, out);
  });

  it('--batch 0', async ({ expect }) => {
    const out = path.join(tmp, 'out-batch');
    const r = await runHere('--model', 'lenet5', '--hw', 'hardware/eyeriss.json', '--batch', '0', '--out', out);
    expect(r.status, where(r)).toBe(2);
    expect(r.stderr).toContain('--batch');
    noOutput(expect, out);
  });

  it('--refine 0', async ({ expect }) => {
    const out = path.join(tmp, 'out-refine');
    const r = await runHere(
      '--model',
      'lenet5',
      '--hw',
      'hardware/eyeriss.json',
      '--engine',
      'cycle',
      '--objective',
      'latency',
      '--refine',
      '0',
      '--out',
      out,
    );
    expect(r.status, where(r)).toBe(2);
    expect(r.stderr).toContain('--refine must be an integer from 1 to 64 (1 = the analytical choice), got 0');
    noOutput(expect, out);
  });

  it('an unknown objective', async ({ expect }) => {
    const out = path.join(tmp, 'out-objective');
    const r = await runHere('--model', 'lenet5', '--hw', 'hardware/eyeriss.json', '--objective', 'fastest', '--out', out);
    expect(r.status, where(r)).toBe(2);
    expect(r.stderr).toContain('objective');
    noOutput(expect, out);
  });

  it('hardware with no legal mapping for a layer names the layer and glb.capacityBytes', async ({ expect }) => {
    const j = eyerissJson();
    j.glb.capacityBytes = 16;
    const file = writeHw('tiny-glb.json', JSON.stringify(j));
    const out = path.join(tmp, 'out-tiny');
    const r = await runHere('--model', 'lenet5', '--hw', file, '--out', out);
    expect(r.status, where(r)).toBe(2);
    expect(r.stderr).toMatch(/layer "(conv1|conv2|fc1|fc2)" has no legal row-stationary mapping/);
    expect(r.stderr).toContain('glb.capacityBytes');
    noOutput(expect, out);
  });
});
