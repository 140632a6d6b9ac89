// What a sweep's rows say, against independent runs: each point equals the main command run on the base
// hardware file edited by hand (fields written as expressions of a varied field follow it); a point the
// network does not fit is an 'invalid' row naming the layer and the constraint, on no Pareto front; cluster-rate
// rows carry the compression ratios of their plan. The sweeps run in this process, the single runs as the CLI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PointTotals, SweepRow } from '../../src/explore/row.js';
import type { RunSummary } from '../../src/model/result.js';
import type { SummaryWithCompressed } from '../../src/report/compressedRun.js';
import { parseAs } from '../jsonValue.js';
import { eyerissJson } from './jsonFiles.js';
import { run, where } from './runCli.js';
import { sweep, sweepRows, writePlainHardware } from './sweepFolders.js';

let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-sweep-rows-'));
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** The main command's summary.json for `hw` (a raw hardware object, written to a file first). */
async function singleRun(name: string, hw: unknown, ...args: string[]): Promise<RunSummary> {
  const file = path.join(tmp, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(hw, null, 2));
  const r = await run('--hw', file, '--model', 'lenet5', '--json', '--out', path.join(tmp, `${name}-run`), ...args);
  expect(r.status, where(r)).toBe(0);
  return parseAs<RunSummary>(r.stdout);
}

const glbAccesses = (s: RunSummary): number => s.totals.accesses.glb.ifmap + s.totals.accesses.glb.filter + s.totals.accesses.glb.psum;

describe('sweep rows equal single runs of the same hardware', () => {
  // Every value of every axis appears in the points checked: 0 = (8 KiB, 12x14, 0.6, 150), 15 = (216 KiB, 16x8,
  // 16 * 60 / clockMHz, energy.mac * 250) and 10 = (216 KiB, 12x14, 16 * 60 / clockMHz, 150).
  const VARY = [
    'glb.capacityBytes=8KiB,216KiB',
    'peArray=12x14,16x8',
    'dram.wordsPerCycle=0.6,16 * 60 / clockMHz',
    'energy.dram.read=150,energy.mac * 250',
  ];
  const CHECKED: { point: number; glb: string; rows: number; cols: number; dram: number | string; dramRead: number | string }[] = [
    { point: 0, glb: '8KiB', rows: 12, cols: 14, dram: 0.6, dramRead: 150 },
    { point: 15, glb: '216KiB', rows: 16, cols: 8, dram: '16 * 60 / clockMHz', dramRead: 'energy.mac * 250' },
    { point: 10, glb: '216KiB', rows: 12, cols: 14, dram: '16 * 60 / clockMHz', dramRead: 150 },
  ];
  let rows: SweepRow[];
  let singles: RunSummary[];

  beforeAll(async () => {
    const out = path.join(tmp, 'points');
    // The edp objective, so that bandwidths decide mappings too. (One thread: sweepResume.test.ts shows that
    // two write the same bytes.)
    await sweep({ hw: 'hardware/eyeriss.json', model: 'lenet5', vary: VARY, objective: 'edp', out });
    rows = sweepRows(out);
    singles = await Promise.all(
      CHECKED.map((c) => {
        const hw = eyerissJson();
        hw.glb.capacityBytes = c.glb;
        hw.peArray.rows = c.rows;
        hw.peArray.cols = c.cols;
        hw.dram.wordsPerCycle = c.dram;
        hw.energy.dram = { read: c.dramRead, write: hw.energy.dram };
        return singleRun(`point-${c.point}`, hw, '--objective', 'edp');
      }),
    );
  }, 300_000);

  it("has the parameters of each point in the field's unit", () => {
    expect(rows).toHaveLength(16);
    // 8 KiB = 8192 B, 216 KiB = 221184 B; 16 * 60 / 200 MHz = 4.8 words per cycle; energy.mac = 1, so 250.
    expect(CHECKED.map((c) => rows[c.point].params)).toEqual([
      { 'glb.capacityBytes': 8192, peArray: '12x14', 'dram.wordsPerCycle': 0.6, 'energy.dram.read': 150 },
      { 'glb.capacityBytes': 221184, peArray: '16x8', 'dram.wordsPerCycle': 4.8, 'energy.dram.read': 250 },
      { 'glb.capacityBytes': 221184, peArray: '12x14', 'dram.wordsPerCycle': 4.8, 'energy.dram.read': 150 },
    ]);
  });

  it('has the totals of the single run: energy by level, cycles, latency, MACs, PEs, area', () => {
    CHECKED.forEach((c, i) => {
      const row = rows[c.point];
      const single = singles[i];
      expect(row.status, `point ${c.point}`).toBe('ok');
      const totals = row.totals!;
      expect(totals.energy, `point ${c.point}`).toEqual(single.totals.energy);
      expect(totals.energyUnit).toBe(single.energyUnit);
      expect(totals.cycles, `point ${c.point}`).toBe(single.totals.cycles);
      expect(totals.latencyMs, `point ${c.point}`).toBe(single.totals.latencyMs);
      expect(totals.macs, `point ${c.point}`).toBe(single.totals.macs);
      expect(totals.edp, `point ${c.point}`).toBe(single.totals.energy.total * single.totals.latencyMs);
      expect(totals.peCount, `point ${c.point}`).toBe(c.rows * c.cols);
      expect(totals.area, `point ${c.point}`).toEqual(single.hardware.area);
    });
    // lenet5's (Caffe LeNet-5) MACs by hand: 24*24*20*25 + 8*8*50*20*25 + 800*500 + 500*10.
    expect(rows.every((r) => r.totals!.macs === 288_000 + 1_600_000 + 400_000 + 5_000)).toBe(true);
  });

  it('follows the GLB energy written as an expression of the GLB capacity', () => {
    // eyeriss.json: energy.glb = 6 * sqrt(glb.capacityBytes / (108 * 1024)) per access.
    CHECKED.forEach((c, i) => {
      const perAccess = rows[c.point].totals!.energy.glb / glbAccesses(singles[i]);
      const kib = Number.parseInt(c.glb, 10);
      expect(perAccess / (6 * Math.sqrt(kib / 108)), `point ${c.point}`).toBeCloseTo(1, 12);
    });
    // 8 KiB: 6 * sqrt(8 / 108) = 1.633 per access, 216 KiB: 6 * sqrt(2) = 8.485; the base file's 108 KiB costs 6.
    expect(rows[0].totals!.energy.glb / glbAccesses(singles[0])).toBeCloseTo(1.633, 3);
    expect(rows[15].totals!.energy.glb / glbAccesses(singles[1])).toBeCloseTo(8.485, 3);
  });
});

describe('a point the network does not fit', () => {
  let out: string;
  let rows: SweepRow[];

  beforeAll(async () => {
    out = path.join(tmp, 'invalid');
    // lenet5's 5x5 filters need 5 PE rows; a 256-byte GLB holds 128 16-bit words, less than conv1's smallest tile.
    await sweep({ hw: 'hardware/eyeriss.json', model: 'lenet5', vary: ['glb.capacityBytes=256,64KiB', 'peArray=4x14,12x14'], out });
    rows = sweepRows(out);
  }, 300_000);

  it('is a row with status invalid and a reason naming the layer and the constraint', () => {
    expect(rows.map((r) => [r.point, r.status])).toEqual([
      [0, 'invalid'],
      [1, 'invalid'],
      [2, 'invalid'],
      [3, 'ok'],
    ]);
    for (const r of rows.slice(0, 3)) {
      expect(r.totals, `point ${r.point}`).toBeUndefined();
      expect(r.reason, `point ${r.point}`).toMatch(/^layer "conv1" has no legal row-stationary mapping/);
      expect(r.reason, `point ${r.point}`).toMatch(/peArray\.rows|glb\.capacityBytes/);
    }
    expect(rows[1].reason).toMatch(/but 128 are usable \(glb\.capacityBytes\)/);
    expect(rows[2].reason).toMatch(/R=5 exceeds the 4 PE rows \(peArray\.rows\)/);
  });

  it('is in sweep.csv with its reason, and on no Pareto front', () => {
    const csv = (name: string) => fs.readFileSync(path.join(out, name), 'utf8').trim().split('\n');
    const header = csv('sweep.csv')[0].split(',');
    const status = header.indexOf('status');
    const body = csv('sweep.csv').slice(1);
    expect(body.map((line) => line.split(',')[status])).toEqual(['invalid', 'invalid', 'invalid', 'ok']);
    expect(body[2]).toContain('R=5 exceeds the 4 PE rows');
    expect(
      csv('pareto.csv')
        .slice(1)
        .map((line) => line.split(',')[0]),
    ).toEqual(['3']);
  });
});

describe('a compress.clusterRate axis', () => {
  let rows: SweepRow[];
  let reference: SummaryWithCompressed;

  beforeAll(async () => {
    const out = path.join(tmp, 'rates');
    const hw = writePlainHardware(tmp);
    await sweep({ hw, model: 'lenet5', vary: ['compress.clusterRate=1,0.1,0.05'], out });
    rows = sweepRows(out);
    // The main command at rate 0.1: the plain network, and the one shared by the same plan and seeds.
    const r = await run(
      '--hw',
      hw,
      '--model',
      'lenet5',
      '--compress',
      'dkm',
      '--cluster-rate',
      '0.1',
      '--json',
      '--out',
      path.join(tmp, 'rate-run'),
    );
    expect(r.status, where(r)).toBe(0);
    reference = parseAs<SummaryWithCompressed>(r.stdout);
  }, 300_000);

  it('gives each row the compression ratio of its plan', () => {
    // Original: 32 bits per weight and bias, conv1 20*25+20, conv2 50*20*25+50, fc1 800*500+500, fc2 500*10+10
    // = 520 + 25050 + 400500 + 5010 = 431080 words. conv1 is kept (the paper's first layer); conv2 has
    // N = 50*20*5 = 5000 rows of S = 5, K = round(rate * 5000), fixed-length indices of ceil(log2 K) bits,
    // a K x 5 codebook of 32-bit words and its 50 biases.
    const original = 431_080 * 32;
    const otherBits = (431_080 - 25_050) * 32;
    const conv2Bits = (k: number, indexBits: number) => 50 * 32 + k * 5 * 32 + 5000 * indexBits;
    expect(rows.map((r) => r.params['compress.clusterRate'])).toEqual([1, 0.1, 0.05]);
    // Rate 1: K = N everywhere, nothing is shared.
    expect(rows[0].totals!.compressionRatio).toEqual({ fixed: 1, entropy: 1, onChip: 1 });
    expect(rows[1].totals!.compressionRatio!.fixed).toBe(original / (otherBits + conv2Bits(500, 9)));
    expect(rows[2].totals!.compressionRatio!.fixed).toBe(original / (otherBits + conv2Bits(250, 8)));
    // An index's entropy is at most log2 K <= ceil(log2 K) bits: entropy coding never loses to fixed length.
    for (const r of rows.slice(1)) expect(r.totals!.compressionRatio!.entropy).toBeGreaterThanOrEqual(r.totals!.compressionRatio!.fixed);
    const { fixed, entropy, onChip } = reference.compressed.compressionRatio;
    expect(rows[1].totals!.compressionRatio).toEqual({ fixed, entropy, onChip });
    // On chip, 16-bit words: conv2's 25000 weights against 5000 9-bit indices and a 500 x 5 codebook; conv1 and the FC layers dense.
    const dense = (520 - 20 + 25_000 + 400_000 + 5_000) * 16;
    expect(rows[1].totals!.compressionRatio!.onChip).toBe(dense / (dense - 25_000 * 16 + 5_000 * 9 + 500 * 5 * 16));
  });

  it('runs the network of its rate: rate 1 the plain one, rate 0.1 the one --compress dkm shares', () => {
    type Compared = Pick<PointTotals, 'macs' | 'cycles' | 'latencyMs' | 'energy'>;
    const totals = (t: Compared) => ({ macs: t.macs, cycles: t.cycles, latencyMs: t.latencyMs, energy: t.energy });
    expect(totals(rows[0].totals!)).toEqual(totals(reference.totals));
    expect(totals(rows[1].totals!)).toEqual(totals(reference.compressed.totals));
  });
});
