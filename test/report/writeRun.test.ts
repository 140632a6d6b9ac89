import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunSummary } from '../../src/model/result.js';
import { layersCsv } from '../../src/report/csv.js';
import { RECORD_FILE } from '../../src/report/fileRecord.js';
import { renderEnergyChart } from '../../src/report/energyChart.js';
import { renderTimeline } from '../../src/report/timelineChart.js';
import { writeRunOutputs } from '../../src/report/writeRun.js';
import { CYCLE_LAYERS, cycleSummary, FIXTURE_LAYERS, FIXTURE_SIMULATIONS, fixtureSummary, summaryOf } from './fixture.js';

function timelineSvg(): string {
  const sim = FIXTURE_SIMULATIONS[0];
  return renderTimeline({
    layer: 'conv1',
    model: 'tinynet',
    hardware: 'eyeriss',
    clockMHz: 200,
    timeline: {
      dram: [[0, 1e5]],
      glb: [[0, 2e5]],
      ifmapBus: [[1e5, 3e5]],
      filterBus: [[1e5, 1.2e5]],
      psumBus: [[3e5, 3.3e5]],
      array: [[1e5, 3.3e5]],
      arrayWaits: [[3e5, 3.1e5]],
    },
    stats: { cycles: sim.cycles, stallCycles: sim.stallCycles, utilization: CYCLE_LAYERS[0].utilization },
  });
}

const FILES = ['energy.svg', 'layers.csv', 'summary.json'];
/** The run's files, without the record of them (fileSet.test.ts tests that). */
const runFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((n) => n !== RECORD_FILE)
    .sort();
const tmpRoots: string[] = [];

function freshDir(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-report-'));
  tmpRoots.push(root);
  return root;
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const r of tmpRoots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});

describe('writeRunOutputs', () => {
  it('writes exactly the three files, creating the directory', () => {
    const out = path.join(freshDir(), 'a', 'b');
    const summary = fixtureSummary();
    const { files } = writeRunOutputs(summary, out);
    expect(runFiles(out)).toEqual(FILES);
    expect(files.map((f) => path.basename(f)).sort()).toEqual(FILES);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'))).toEqual(summary);
    expect(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')).toBe(`${JSON.stringify(summary, null, 2)}\n`);
    expect(fs.readFileSync(path.join(out, 'layers.csv'), 'utf8')).toBe(layersCsv(summary));
    expect(fs.readFileSync(path.join(out, 'energy.svg'), 'utf8')).toBe(renderEnergyChart(summary));
  });

  it('writes nothing when a writer throws', () => {
    const root = freshDir();
    const out = path.join(root, 'run');
    const bad = { ...FIXTURE_LAYERS[0], energy: { ...FIXTURE_LAYERS[0].energy, noc: Number.NaN } };
    expect(() => writeRunOutputs(summaryOf([bad]), out)).toThrow(/conv1.*energy\.noc is NaN/);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it('leaves no file behind when a rename fails midway', () => {
    const out = freshDir();
    const rename = fs.renameSync;
    let calls = 0;
    vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (++calls === 2) throw new Error('disk full (simulated)');
      rename(from, to);
    });
    expect(() => writeRunOutputs(fixtureSummary(), out)).toThrow('disk full (simulated)');
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it('keeps the previous run intact when replacing it fails', () => {
    const out = freshDir();
    writeRunOutputs(fixtureSummary(), out);
    const before = FILES.map((f) => fs.readFileSync(path.join(out, f), 'utf8'));
    const rename = fs.renameSync;
    let calls = 0;
    vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (++calls === 2) throw new Error('rename failed (simulated)'); // after 1 of the 3 files is placed
      rename(from, to);
    });
    expect(() => writeRunOutputs(fixtureSummary({ model: 'other' }), out)).toThrow('rename failed');
    vi.restoreAllMocks();
    expect(runFiles(out)).toEqual(FILES);
    expect(FILES.map((f) => fs.readFileSync(path.join(out, f), 'utf8'))).toEqual(before);
  });

  it('replaces a previous run and leaves no temp or backup files', () => {
    const out = freshDir();
    writeRunOutputs(fixtureSummary(), out);
    writeRunOutputs(fixtureSummary({ model: 'other' }), out);
    expect(runFiles(out)).toEqual(FILES);
    expect((JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as RunSummary).model).toBe('other');
  });

  it('writes timeline.svg as a fourth file when given one', () => {
    const out = freshDir();
    const summary = cycleSummary({ layers: [CYCLE_LAYERS[0]] });
    const svg = timelineSvg();
    const { files } = writeRunOutputs(summary, out, { timelineSvg: svg });
    expect(runFiles(out)).toEqual([...FILES, 'timeline.svg'].sort());
    expect(files.map((f) => path.basename(f))).toEqual(['layers.csv', 'summary.json', 'energy.svg', 'timeline.svg']);
    expect(fs.readFileSync(path.join(out, 'timeline.svg'), 'utf8')).toBe(svg);
    expect(fs.readFileSync(path.join(out, 'layers.csv'), 'utf8')).toBe(layersCsv(summary));
    // Without one (or with undefined), the usual three.
    const other = freshDir();
    writeRunOutputs(summary, other, { timelineSvg: undefined });
    expect(runFiles(other)).toEqual(FILES);
  });

  it('writes no timeline either when another writer throws, and keeps an old one when renaming fails', () => {
    const root = freshDir();
    const out = path.join(root, 'run');
    const bare = { ...CYCLE_LAYERS[0], simulation: undefined };
    expect(() => writeRunOutputs(summaryOf([bare], { engine: 'cycle' }), out, { timelineSvg: timelineSvg() })).toThrow(
      /no simulation figures/,
    );
    expect(fs.existsSync(out)).toBe(false);

    const dir = freshDir();
    writeRunOutputs(cycleSummary(), dir, { timelineSvg: timelineSvg() });
    const before = fs.readFileSync(path.join(dir, 'timeline.svg'), 'utf8');
    const rename = fs.renameSync;
    let calls = 0;
    vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (++calls === 3) throw new Error('rename failed (simulated)'); // after 2 of the 4 files are placed
      rename(from, to);
    });
    expect(() => writeRunOutputs(cycleSummary({ model: 'other' }), dir, { timelineSvg: 'not this' })).toThrow('rename failed');
    vi.restoreAllMocks();
    expect(runFiles(dir)).toEqual([...FILES, 'timeline.svg'].sort());
    expect(fs.readFileSync(path.join(dir, 'timeline.svg'), 'utf8')).toBe(before);
  });
});
