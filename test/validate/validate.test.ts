// The whole validation on LeNet-5 at three rates, through the same code as `dkm-sim validate`: once inline
// (threads: 1, so that progress comes in job order), once on worker threads for the same bytes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHardware } from '../../src/hw/load.js';
import { writeFileSet } from '../../src/report/fileSet.js';
import { consoleText } from '../../src/validate/consoleText.js';
import type { ValidationReport } from '../../src/validate/report.js';
import { runValidation, validationFiles } from '../../src/validate/validate.js';
import { parseSvg } from '../report/svgDom.js';

const HW_FILE = path.join(import.meta.dirname, '..', '..', 'hardware', 'eyeriss.json');
let tmp: string;
let report: ValidationReport;
let written: string[];
const progress: string[] = [];
const options = () => ({
  hw: loadHardware(HW_FILE), hardwareFile: 'hardware/eyeriss.json', batch: 1, weightSeed: 1,
  models: [{ model: 'lenet5', rates: [0.5, 0.2, 0.05], paperR2: 0.99 }], threads: 1,
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
  const [head, ...lines] = text.trimEnd().split('\n').map((l) => l.split(','));
  return lines.map((cells) => Object.fromEntries(head.map((h, i) => [h, cells[i]])));
}

describe('validation of a small network', () => {
  it('writes the CSV, SVG, JSON and Markdown, reporting progress per point', () => {
    expect(written.map((f) => path.basename(f))).toEqual(['lenet5.csv', 'lenet5.svg', 'validation.json', 'validation.md']);
    expect(progress).toEqual(['1/3 0.5', '2/3 0.2', '3/3 0.05']);
  });

  it('gives the same bytes when run again, on worker threads', async () => {
    expect(validationFiles(await runValidation({ ...options(), threads: 2 }))).toEqual(validationFiles(report));
  });

  it('keeps JSON, CSV, SVG and Markdown consistent', () => {
    const json = JSON.parse(read('validation.json'));
    expect(json).toEqual(JSON.parse(JSON.stringify(report)));
    const m = json.models[0];
    expect(m.points.map((p: { rate: number }) => p.rate)).toEqual([0.5, 0.2, 0.05]);

    const rows = csvRows(read('lenet5.csv'));
    expect(rows).toHaveLength(3);
    rows.forEach((row, i) => {
      expect(Number(row.cluster_rate_K_per_N)).toBe(m.points[i].rate);
      expect(Number(row.metric_total_MACunits)).toBe(m.points[i].metric.fixed.total);
      expect(Number(row.sim_energy_total_MACunits)).toBe(m.points[i].simulated.total);
      expect(Number(row.residual_energy_MACunits)).toBe(m.fit.residuals[i]);
    });

    const svg = parseSvg(read('lenet5.svg')).documentElement;
    const title = svg.querySelector('text.title')?.textContent ?? '';
    expect(title).toMatch(/R\^2 = \d\.\d{4}$/);
    expect(title.endsWith(`R^2 = ${m.fit.r2.toFixed(4)}`)).toBe(true);
    expect([...svg.querySelectorAll('text.point-label')].map((t) => t.textContent)).toEqual(['rate 0.5', 'rate 0.2', 'rate 0.05']);
    expect(svg.querySelector('.x-title')?.textContent).toContain('MAC units');
    expect(svg.querySelector('.y-title')?.textContent).toContain('MAC-normalized units');

    expect(read('validation.md')).toContain(`lenet5: R^2 = ${m.fit.r2.toFixed(4)} (paper: 0.9900)`);
    expect(consoleText(report, written)).toContain(`lenet5: R^2 = ${m.fit.r2.toFixed(4)} (paper: 0.9900)`);
  });

  it('labels the weights synthetic and the metric precision as the machine word', () => {
    expect(report.weights).toMatchObject({ source: 'synthetic', distribution: 'He-normal', seed: 1 });
    expect(report.metric.weightBits).toBe(16);
    expect(report.metric.note).toContain("simulated machine's word");
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
    expect(m.notModelled.map((n) => n.id)).toEqual(['codebookLookups', 'indexReads', 'indexAndCodebookTraffic', 'psumAdds', 'onChipReuse', 'dram']);
  });
});
