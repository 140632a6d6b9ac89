// The reports of a --compress run: energy-compare.svg, the side-by-side table, summary.json's compressed block.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ratioDefinitions } from '../../src/compress/compressionRatio.js';
import type { EnergyBreakdown, LayerResult } from '../../src/model/result.js';
import { renderCompareChart } from '../../src/report/compareChart.js';
import { comparisonTable } from '../../src/report/compareTable.js';
import { formatChange, planText, relativeChange, type CompressedRun, type SummaryWithCompressed } from '../../src/report/compressedRun.js';
import { summaryJson, writeRunOutputs } from '../../src/report/writeRun.js';
import { jsonAt, parseJson } from '../jsonValue.js';
import { FIXTURE_LAYERS, fixtureSummary, summaryOf } from './fixture.js';
import { parseSvg } from './svgDom.js';

const half = (e: EnergyBreakdown): EnergyBreakdown => {
  const mac = e.mac * 0.8;
  const dram = e.dram / 2;
  return { ...e, mac, dram, total: mac + e.rf + e.noc + e.glb + dram };
};
// The shared run: fewer MACs (psum additions replace some) and half the DRAM energy.
const sharedLayers: LayerResult[] = FIXTURE_LAYERS.map((l) => ({
  ...l,
  macs: Math.round(l.macs * 0.8),
  energy: half(l.energy),
  ...(l.name === 'conv2, grouped' && { execution: 'glb' as const }),
}));
const base = fixtureSummary();
const run: CompressedRun = {
  summary: summaryOf(sharedLayers),
  sharing: {
    method: 'dkm',
    compressionRatio: { fixed: 9.5, entropy: 12.25, huffman: 11.75, onChip: 4.5 },
    compressionRatioDefinition: ratioDefinitions(16),
    compressionRatioOf: 'network',
    plan: { clusterRate: 0.05, k: [363, 64], sparsity: [0, 0] },
    weights: { source: 'synthetic', seed: 1 },
    sharedLayers: [{ name: 'conv2, grouped', rows: 1280, k: 64, sparsity: 0, indexBits: 6 }],
  },
};

const texts = (root: Element, selector: string): string[] => [...root.querySelectorAll(selector)].map((t) => t.textContent ?? '');

describe('relative change', () => {
  it('is (after - before) / before, with a sign, and n/a without a base', () => {
    expect(formatChange(relativeChange(200, 150))).toBe('-25.0%');
    expect(formatChange(relativeChange(200, 201))).toBe('+0.5%');
    expect(formatChange(relativeChange(5, 5))).toBe('0%');
    expect(formatChange(relativeChange(0, 0))).toBe('0%');
    expect(formatChange(relativeChange(0, 3))).toBe('n/a');
  });
});

describe('planText', () => {
  it('names the rate and how the first conv layer was treated, or the K list', () => {
    const plan = (p: CompressedRun['sharing']['plan']) => planText({ ...run.sharing, plan: p });
    expect(plan({ clusterRate: 0.05, firstLayer: 'uncompressed', k: [363, 64], sparsity: [0, 0] })).toBe(
      'cluster rate 0.05, first conv layer kept',
    );
    expect(plan({ clusterRate: 0.05, firstLayer: 0.2, k: [73, 64], sparsity: [0, 0] })).toBe('cluster rate 0.05, first conv layer 0.2');
    expect(plan({ clusterRate: 0.05, firstLayer: 0.05, k: [18, 64], sparsity: [0, 0] })).toBe('cluster rate 0.05');
    expect(plan({ k: [363, 64], sparsity: [0, 0.5] })).toBe('K 363,64, sparsity p 0,0.5');
  });
});

describe('renderCompareChart', () => {
  const root = parseSvg(renderCompareChart(base, run)).documentElement;
  const bar = (scope: string, level: string, i: number) =>
    root.querySelector(`rect.bar.run-${i}[data-scope="${scope}"][data-level="${level}"]`);
  const h = (scope: string, level: string, i: number) => Number(bar(scope, level, i)?.getAttribute('height'));

  it('draws a pair of bars per level for the whole run and for the conv layers, heights proportional to the energies', () => {
    for (const scope of ['run', 'conv']) {
      for (const level of ['mac', 'rf', 'noc', 'glb', 'dram'] as const) {
        expect(bar(scope, level, 0), `${scope} ${level}`).not.toBeNull();
        expect(bar(scope, level, 1), `${scope} ${level}`).not.toBeNull();
      }
      expect(h(scope, 'dram', 1) / h(scope, 'dram', 0)).toBeCloseTo(0.5, 9);
      expect(h(scope, 'rf', 1) / h(scope, 'rf', 0)).toBeCloseTo(1, 9);
    }
    // conv DRAM is conv1's 0.9e9 + conv2's 2.5e9 pJ; the whole run's adds fc8's 3.3e9, on the same scale in each panel.
    expect(h('conv', 'dram', 0) / h('conv', 'rf', 0)).toBeCloseTo(3.4e9 / 6.2e9, 9);
    expect(h('run', 'dram', 0) / h('run', 'rf', 0)).toBeCloseTo(6.7e9 / 6.25e9, 9);
  });

  it("names both runs, gives both totals in mJ and each level's change, per panel", () => {
    expect(texts(root, '.legend text')).toEqual(['uncompressed', 'Deep k-Means shared (cluster rate 0.05)']);
    expect(texts(root, '.y-title').slice(0, 2)).toEqual(['energy (mJ)', 'energy (mJ)']);
    expect(texts(root, '.levels-run .x-axis .change')).toEqual(['-20.0%', '0%', '0%', '0%', '-50.0%']);
    expect(texts(root, '.levels-conv .x-axis .change')).toEqual(['-20.0%', '0%', '0%', '0%', '-50.0%']);
    // conv1 + conv2: 2.971632 + 9.8915904 = 12.8632224 G pJ before; 2.4373056 + 8.28327232 = 10.72057792 G pJ after.
    expect(texts(root, '.levels-conv .panel-heading')).toEqual(['conv layers only, 1 of 2 shared: 12.86 \u2192 10.72 mJ (-16.7%)']);
    expect(texts(root, '.levels-run .panel-heading')[0]).toMatch(/^whole run: 16\.28 \u2192 /);
    const subtitle = texts(root, 'text.subtitle')[0];
    expect(subtitle).toContain('storage CR (32-bit) 9.50 fixed-length, 12.25 entropy-coded, on-chip CR 4.50');
  });

  it("draws every layer's change, down for a saving, the unshared layers grey", () => {
    const layers = [...root.querySelectorAll('.layers rect.bar')];
    expect(layers.map((r) => r.getAttribute('data-layer'))).toEqual(FIXTURE_LAYERS.map((l) => l.name));
    expect(layers.map((r) => r.getAttribute('class'))).toEqual(['bar unshared', 'bar shared', 'bar unshared']);
    const expected = FIXTURE_LAYERS.map((l, i) => ((sharedLayers[i].energy.total - l.energy.total) / l.energy.total) * 100);
    layers.forEach((r, i) => expect(Number(r.getAttribute('data-change'))).toBeCloseTo(expected[i], 2));
    expect(texts(root, '.layers .value')).toEqual(['not shared', formatChange(expected[1] / 100), 'not shared']);
  });
});

describe('comparisonTable', () => {
  const table = comparisonTable(base, run);
  const row = (label: string) =>
    table
      .split('\n')
      .find((l) => l.startsWith(label))
      ?.trim()
      .split(/\s{2,}/);

  it('puts uncompressed, compressed and the change on each row', () => {
    expect(row('energy DRAM')).toEqual(['energy DRAM', '6.7G', '3.35G', '-50.0%']);
    // The conv layers alone: conv1's 0.9G + conv2's 2.5G DRAM, halved.
    expect(row('conv energy DRAM')).toEqual(['conv energy DRAM', '3.4G', '1.7G', '-50.0%']);
    expect(row('conv energy RF')).toEqual(['conv energy RF', '6.2G', '6.2G', '0%']);
    expect(row('MACs')?.[3]).toBe('-20.0%');
    expect(row('cycles')?.[3]).toBe('0%');
    expect(row('storage CR (32-bit), fixed-length')).toEqual(['storage CR (32-bit), fixed-length', '1', '9.50', 'x9.50']);
    expect(row('storage CR (32-bit), Huffman')?.[2]).toBe('11.75');
    expect(row('on-chip CR (hardware words)')).toEqual(['on-chip CR (hardware words)', '1', '4.50', 'x4.50']);
    expect(table).toContain('storage CR: 32-bit');
    expect(table).toContain('on-chip CR: filters in hardware words');
    expect(table).toContain('1 of 2 conv layers shared, K 64, 6-bit indices');
    expect(table).toContain('synthetic He-normal weights (seed 1)');
  });

  it("lists every layer's energy before and after, and how a shared one ran", () => {
    // conv2: 1.7915904G + 5G + 0.6G + 2.5G before; 0.8 x the MACs' 1.7915904G + 5G + 0.6G + 1.25G after.
    expect(row('conv2, grouped')).toEqual(['conv2, grouped', '9.892G', '8.283G', '-16.3%', 'glb']);
    // fc8: 16.384M + 50M + 10M + 40M + 3.3G = 3.416384G before, 13.1072M + 50M + 10M + 40M + 1.65G = 1.7631072G after.
    expect(row('fc8')?.slice(3)).toEqual(['-48.4%', 'not shared']);
  });
});

describe('summary.json of a compressed run', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('keeps the uncompressed fields and adds the compressed block; writes the two extra files', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-compare-'));
    dirs.push(out);
    const { files, json } = writeRunOutputs(base, out, { compressed: run });
    expect(files.map((f) => path.basename(f)).sort()).toEqual([
      'energy-compare.svg',
      'energy.svg',
      'layers-compressed.csv',
      'layers.csv',
      'summary.json',
    ]);
    const s = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as SummaryWithCompressed;
    expect(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')).toBe(json);
    const { compressed, ...rest } = s;
    expect(rest).toEqual(JSON.parse(summaryJson(base)));
    expect(compressed.totals).toEqual(run.summary.totals);
    expect(compressed.compressionRatio).toEqual(run.sharing.compressionRatio);
    expect(compressed.compressionRatioDefinition.onChip).toMatch(/^on chip: filters in 16-bit words/);
    expect(compressed.compressionRatioDefinition.fixed).toMatch(/^storage: 32-bit/);
    expect(compressed.sharedLayers).toEqual(run.sharing.sharedLayers);
  });

  it("never spells out a typed array (a shared layer's indices)", () => {
    const layer = { ...FIXTURE_LAYERS[0], sharing: { k: 2, indexBits: 1, index: new Uint32Array(5000) } };
    const text = summaryJson(summaryOf([layer]));
    expect(text).not.toContain('"index"');
    expect(jsonAt(parseJson(text), 'layers', 0, 'sharing')).toEqual({ k: 2, indexBits: 1 });
  });
});
