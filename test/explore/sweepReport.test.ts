// report.html, read back as a browser reads it: what it references, the plots it shows, the front table
// and the best points, the sweep's parameters and invalid points, escaping and determinism.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParetoObjective } from '../../src/explore/manifest.js';
import { sweepColumns, sweepFiles } from '../../src/explore/outputs.js';
import { plainNumber } from '../../src/report/numbers.js';
import { parseHtml, parseSvg } from '../report/svgDom.js';
import {
  EXAMPLE_ROWS as rows,
  TOO_SMALL,
  bruteFront,
  okRow,
  sweepManifest,
  valueOf as value,
  writtenFiles as written,
} from './sweepFixture.js';

const valid = rows.filter((r) => r.status === 'ok');

describe('report.html', () => {
  const m = sweepManifest();
  const { dir, files } = written(m, rows);
  const doc = parseHtml(files.get('report.html')!);

  it('references only files that are in the folder (or parts of itself), and nothing on the network', () => {
    const refs = [...doc.querySelectorAll('[href], [src]')].map((e) => e.getAttribute('href') ?? e.getAttribute('src')!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).not.toMatch(/^[a-z]+:|^\/\//i);
      // A link within the page names an element of it; any other names a file beside the page.
      if (ref.startsWith('#')) expect(doc.getElementById(ref.slice(1))).not.toBeNull();
      else expect(fs.existsSync(path.join(dir, ref))).toBe(true);
    }
    expect(doc.querySelectorAll('link, img, iframe, script[src]')).toHaveLength(0);
  });

  it('shows every plot inline, as the file beside it draws it', () => {
    const plots = [...files.keys()].filter((f) => f.endsWith('.svg'));
    for (const file of plots) {
      const figure = doc.getElementById(file.replace(/\.svg$/, ''))!;
      const inline = figure.querySelector('svg')!;
      const own = parseSvg(files.get(file)!).documentElement;
      expect(inline.querySelector('title')!.textContent).toBe(own.querySelector('title')!.textContent);
      expect(inline.querySelectorAll('g.point')).toHaveLength(own.querySelectorAll('g.point').length);
      expect(figure.querySelector('figcaption a')!.getAttribute('href')).toBe(file);
    }
    expect(doc.querySelectorAll('figure')).toHaveLength(plots.length);
  });

  it('tables the front over all objectives, one row per point, with its exact values as sort keys', () => {
    const front = bruteFront(valid.map((r) => [value(r, 'energy'), value(r, 'latency'), value(r, 'area')])).map((i) => valid[i]);
    const table = doc.querySelector('table.front.sortable')!;
    const headers = [...table.querySelectorAll('thead th')].map((h) => h.textContent);
    expect(headers).toEqual([
      'point',
      'glb.capacityBytes',
      'peArray',
      'energy per inference (MAC-normalized units)',
      'latency (ms)',
      'area (mm\u00B2)',
      'energy-delay product (MAC-normalized units x ms)',
    ]);
    const body = [...table.querySelectorAll('tbody tr')];
    expect(body.map((tr) => Number(tr.querySelector('td')!.textContent)).sort()).toEqual(front.map((r) => r.point));
    for (const tr of body) {
      const cells = [...tr.querySelectorAll('td')];
      const row = rows[Number(cells[0].textContent)];
      expect(cells.slice(3).map((c) => c.getAttribute('data-sort'))).toEqual(
        (['energy', 'latency', 'area', 'edp'] as const).map((o) => plainNumber(value(row, o))),
      );
      expect(cells[1].textContent).toBe(`${(row.params['glb.capacityBytes'] as number) / 1024} KiB`);
      expect(cells[2].textContent).toBe(row.params.peArray);
    }
  });

  it('names the best point of every objective', () => {
    const best = [...doc.querySelectorAll('table.best tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].slice(0, 2).map((c) => c.textContent),
    );
    const argmin = (o: ParetoObjective) => String(valid.reduce((p, q) => (value(q, o) < value(p, o) ? q : p)).point);
    expect(best).toEqual([
      ['least energy per inference', argmin('energy')],
      ['least latency', argmin('latency')],
      ['least area', argmin('area')],
      ['least energy-delay product', argmin('edp')],
    ]);
  });

  it('breaks a tie for best by the other quantities, not by point number', () => {
    // Point 1 as small as point 0 (9 mm²) but faster and thriftier: it is the smallest design worth naming.
    const tied = rows.map((r) => (r.point === 1 ? okRow(1, r.params, { energy: 38e9, latencyMs: 450, areaMm2: 9 }) : r));
    const page = parseHtml(written(m, tied).files.get('report.html')!);
    const area = [...page.querySelectorAll('table.best tbody tr')].find((tr) => tr.textContent.startsWith('least area'))!;
    expect(area.querySelectorAll('td')[1].textContent).toBe('1');
  });

  it('states the sweep and lists the invalid points with their reason', () => {
    const params = Object.fromEntries(
      [...doc.querySelectorAll('table.params tbody tr')].map((tr) => {
        const [name, value] = [...tr.querySelectorAll('td')].map((c) => c.textContent);
        return [name, value] as const;
      }),
    );
    expect(params).toMatchObject({
      model: 'resnet50',
      batch: '1',
      engine: 'analytical',
      'Pareto objectives': 'energy, latency, area',
      'axis glb.capacityBytes': '32KiB, 64KiB, 108KiB',
      'axis peArray': '12x14, 16x16',
      valid: '5 of 6',
      'invalid (no legal mapping)': '1',
    });
    expect(doc.querySelector('#parameters ~ pre code')!.textContent).toBe(
      'dkm-sim sweep --hw hardware/eyeriss.json --model resnet50 --batch 1 --engine analytical --objective energy ' +
        '--search-limit 256 --objectives energy,latency,area --vary glb.capacityBytes=32KiB,64KiB,108KiB --vary peArray=12x14,16x16',
    );
    const invalid = doc.querySelector('ul.invalid')!.textContent;
    expect(invalid).toContain(TOO_SMALL);
    expect(invalid).toContain('point 2: GLB 64 KiB, 12x14');
  });

  it('escapes text from the inputs, and gives the same bytes for the same rows', () => {
    const evil = '<b>x</b>&"y\'.json';
    const reason = '<script>alert(1)</script>';
    const { files: f } = written(
      sweepManifest({ hardware: { file: evil, sha256: '1'.repeat(64) } }),
      rows.map((r) => (r.status === 'invalid' ? { ...r, reason } : r)),
    );
    const page = parseHtml(f.get('report.html')!);
    expect(page.querySelectorAll('b')).toHaveLength(0);
    expect(page.querySelectorAll('script')).toHaveLength(1);
    expect(page.querySelector('h1')!.textContent).toBe(`dkm-sim sweep: resnet50 on ${evil}`);
    expect(page.querySelector('ul.invalid')!.textContent).toContain(reason);
    // The command quotes the path for the shell: '<b>x</b>&"y'\''.json'.
    expect(page.querySelector('pre code')!.textContent).toContain(`--hw '<b>x</b>&"y'\\''.json' --model`);
    expect(sweepFiles(m, rows, sweepColumns(m))).toEqual([...files]);
  });
});
