// The whole validation on LeNet-5 at three rates, through the same code as `dkm-sim validate`: once inline
// (threads: 1, so that progress comes in job order), once on worker threads for the same bytes; and on a
// one-conv-layer model, where the circularity of the effective bits can be seen exactly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convLayers } from '../../src/compress/plan.js';
import { loadHardware } from '../../src/hw/load.js';
import { analyzeNetwork } from '../../src/run/analyzeNetwork.js';
import { ABLATION_IDS } from '../../src/validate/ablations.js';
import { writeFileSet } from '../../src/report/fileSet.js';
import { consoleText } from '../../src/validate/consoleText.js';
import type { ValidationReport } from '../../src/validate/report.js';
import { runValidation, validationFiles } from '../../src/validate/validate.js';
import { resolveModel } from '../../src/workload/zoo/index.js';
import { parseSvg } from '../report/svgDom.js';

const HW_FILE = path.join(import.meta.dirname, '..', '..', 'hardware', 'eyeriss.json');
let tmp: string;
let report: ValidationReport;
let written: string[];
const progress: string[] = [];
const options = () => ({
  hw: loadHardware(HW_FILE),
  hardwareFile: 'hardware/eyeriss.json',
  batch: 1,
  weightSeed: 1,
  models: [{ model: 'lenet5', rates: [0.5, 0.2, 0.05], paperR2: 0.99 }],
  threads: 1,
});

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-validate-'));
  report = await runValidation({ ...options(), onPoint: (done, total, job) => progress.push(`${done}/${total} ${job.rate}`) });
  written = writeFileSet(tmp, validationFiles(report));
}, 60_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const read = (name: string) => fs.readFileSync(path.join(tmp, name), 'utf8');

/** The validation CSVs hold only numbers, so a plain split reads them. */
function csvRows(text: string): Record<string, string>[] {
  const [head, ...lines] = text
    .trimEnd()
    .split('\n')
    .map((l) => l.split(','));
  return lines.map((cells) => Object.fromEntries(head.map((h, i) => [h, cells[i]])));
}

describe('validation of a small network', () => {
  it('writes the CSV, SVG, JSON and Markdown, reporting progress per point', () => {
    expect(written.map((f) => path.basename(f))).toEqual([
      'lenet5.csv',
      'lenet5-layers.csv',
      'lenet5.svg',
      'lenet5-paper-setup.svg',
      'lenet5-vs-dense.svg',
      'validation.json',
      'validation.md',
    ]);
    expect(progress).toEqual(['1/3 0.5', '2/3 0.2', '3/3 0.05']);
  });

  it('gives the same bytes when run again, on worker threads', async () => {
    expect(validationFiles(await runValidation({ ...options(), threads: 2 }))).toEqual(validationFiles(report));
  });

  it('keeps JSON, CSV, SVG and Markdown consistent', () => {
    const json = JSON.parse(read('validation.json')) as ValidationReport;
    expect(json).toEqual(JSON.parse(JSON.stringify(report)));
    const m = json.models[0];
    expect(m.points.map((p) => p.rate)).toEqual([0.5, 0.2, 0.05]);

    const rows = csvRows(read('lenet5.csv'));
    expect(rows).toHaveLength(3);
    rows.forEach((row, i) => {
      expect(Number(row.cluster_rate_K_per_N)).toBe(m.points[i].rate);
      expect(Number(row.metric_total_MACunits)).toBe(m.points[i].metric.fixed.total);
      expect(Number(row.sim_energy_total_MACunits)).toBe(m.points[i].simulated.total);
      expect(Number(row.residual_energy_MACunits)).toBe(m.fit.residuals[i]);
    });

    for (const [file, r2] of [
      ['lenet5.svg', m.r2.simulated],
      ['lenet5-paper-setup.svg', m.r2.paperSetup],
    ] as const) {
      const svg = parseSvg(read(file)).documentElement;
      const title = svg.querySelector('text.title')?.textContent ?? '';
      expect(title).toMatch(/R\^2 = \d\.\d{4}$/);
      expect(title.endsWith(`R^2 = ${r2.toFixed(4)}`), file).toBe(true);
      // The faint dense point is drawn first, under the rates'.
      expect([...svg.querySelectorAll('text.point-label')].map((t) => t.textContent)).toEqual([
        'dense',
        'rate 0.5',
        'rate 0.2',
        'rate 0.05',
      ]);
      expect(svg.querySelector('.x-title')?.textContent).toContain('MAC units');
      expect(svg.querySelector('.y-title')?.textContent).toContain('MAC-normalized units');
    }
    const vsDense = parseSvg(read('lenet5-vs-dense.svg')).documentElement;
    const simulated = [...vsDense.querySelectorAll('g.point[data-reference="simulated"] text.point-label')].map((t) => t.textContent);
    expect(simulated).toEqual(m.points.map((p) => `${((p.simulated.total / p.dense.total - 1) * 100).toFixed(1)}%`));

    const layerRows = csvRows(read('lenet5-layers.csv'));
    expect(layerRows.map((r) => [Number(r.cluster_rate_K_per_N), r.layer])).toEqual(
      m.points.flatMap((p) => [
        [p.rate, 'conv1'],
        [p.rate, 'conv2'],
      ]),
    );

    const line = `lenet5: R^2 = ${m.r2.paperSetup.toFixed(4)} against the paper setup, ${m.r2.simulated.toFixed(4)} against the detailed model (paper: 0.9900)`;
    expect(read('validation.md')).toContain(line);
    expect(consoleText(report, written)).toContain(line);
  });

  it('labels the weights synthetic and the metric precision as the machine word', () => {
    expect(report.weights).toMatchObject({ source: 'synthetic', distribution: 'He-normal', seed: 1 });
    expect(report.metric.weightBits).toBe(16);
    expect(report.metric.note).toContain("simulated machine's word");
    expect(report.metric.note).toContain("storage ratio of the paper's convention (32-bit weights and codebook, fixed-length indices)");
    expect(read('validation.md')).toContain('**synthetic**');
  });

  it('adds up: levels to totals, metric parts to the metric, lower rates to higher CR', () => {
    const m = report.models[0];
    for (const p of m.points) {
      const levels = p.simulated.mac + p.simulated.rf + p.simulated.noc + p.simulated.glb + p.simulated.dram;
      expect(levels / p.simulated.total).toBeCloseTo(1, 12);
      const f = p.metric.fixed;
      expect((f.computational + f.weightRepresentational + f.activationRepresentational) / f.total).toBeCloseTo(1, 12);
      expect(p.cr.fixed).toBeLessThanOrEqual(p.cr.entropy);
      expect(p.layers.map((l) => l.name)).toEqual(['conv1', 'conv2']);
    }
    const cr = m.points.map((p) => p.cr.fixed);
    expect(cr[0]).toBeLessThan(cr[1]);
    expect(cr[1]).toBeLessThan(cr[2]);
    // One line per level and per metric part; every energy level is named in the Markdown table.
    expect(m.levels.map((l) => l.level)).toEqual(['mac', 'rf', 'noc', 'glb', 'dram']);
    expect(m.metricParts.map((p) => p.part)).toEqual(['computational', 'weightRepresentational', 'activationRepresentational']);
    expect(m.notModelled.map((n) => n.id)).toEqual([
      'codebookLookups',
      'indexReads',
      'indexAndCodebookTraffic',
      'psumAdds',
      'onChipReuse',
      'dram',
    ]);
  });

  it("gives validation.json both references' R^2 and the ablation, one entry per mechanism", () => {
    const m = (JSON.parse(read('validation.json')) as ValidationReport).models[0];
    expect(m.r2.simulated).toBe(report.models[0].fit.r2);
    expect(m.r2.paperSetup).toBe(report.models[0].fitPaperSetup.r2);
    expect(m.ablation.map((a) => a.mechanism)).toEqual([...ABLATION_IDS]);
    for (const a of m.ablation) {
      expect(a.r2 === null || (a.r2 <= 1 && Number.isFinite(a.r2)), a.mechanism).toBe(true);
      expect(Number.isInteger(a.fallbacks)).toBe(true);
    }
    // Decoded off-chip, the shared layers are the dense ones: the same energy at every rate, nothing for a line to explain.
    expect(m.ablation.find((a) => a.mechanism === 'decodeDense')!.r2).toBeNull();
  });

  it('never runs a shared layer above its dense energy, and its dense baseline is the unshared network run on its own', () => {
    const m = report.models[0];
    const plain = { name: 'lenet5', layers: convLayers(resolveModel('lenet5', 1).layers) };
    const own = analyzeNetwork(plain, loadHardware(HW_FILE), { objective: 'energy', hardwareFile: HW_FILE });
    expect(m.dense.energy).toEqual(own.totals.energy);
    for (const p of m.points) {
      expect(p.dense).toEqual(own.totals.energy);
      p.layers.forEach((l, i) => {
        expect(l.dense).toEqual(own.layers[i].energy);
        expect(l.simulated.total, `${l.name} at ${p.rate}`).toBeLessThanOrEqual(l.dense.total);
        // The paper setup gives the layer its index bits: cheaper than dense exactly when they are fewer than 16.
        expect(Math.sign(l.paperSetup.indexBits - l.dense.total)).toBe(Math.sign(l.indexBits - 16));
      });
      const executions = Object.values(p.executions).reduce((a, n) => a + n, 0);
      expect(executions).toBe(p.layers.filter((l) => l.k < l.rows).length);
    }
  });
});

describe('validation of a one-conv-layer model', () => {
  // One conv layer: the metric is a + b / CR and the effective-bits paper setup c + d / CR, the same CR, so
  // the two are exactly linear in each other (R^2 = 1: the circularity), whatever the layer.
  it('the effective bits give R^2 = 1 exactly, the index bits do not', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-validate-one-'));
    try {
      const file = path.join(dir, 'one.json');
      fs.writeFileSync(file, JSON.stringify({ name: 'one', layers: [{ name: 'c', C: 8, M: 16, H: 12, W: 12, R: 3, S: 3, padding: 1 }] }));
      const r = await runValidation({ ...options(), models: [{ model: file, rates: [0.5, 0.2, 0.05, 0.02], paperR2: 1 }] });
      const m = r.models[0];
      for (const p of m.points) expect(p.duplicateFilterFraction).toBe(0);
      expect(m.r2.paperSetupEffectiveBits).toBeCloseTo(1, 12);
      expect(m.r2.paperSetup).toBeLessThan(1 - 1e-6);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
