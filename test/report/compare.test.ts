// The reports of a --compress run: energy-compare.svg, the side-by-side table, summary.json's compressed block.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ratioDefinitions } from '../../src/compress/compressionRatio.js';
import type { EnergyBreakdown, LayerResult } from '../../src/model/result.js';
import { renderCompareChart } from '../../src/report/compareChart.js';
import { comparisonTable } from '../../src/report/compareTable.js';
import { formatChange, planText, relativeChange, type CompressedRun } from '../../src/report/compressedRun.js';
import { summaryJson, writeRunOutputs } from '../../src/report/writeRun.js';
import { FIXTURE_LAYERS, fixtureSummary, summaryOf } from './fixture.js';
import { parseSvg } from './svgDom.js';

const half = (e: EnergyBreakdown): EnergyBreakdown => {
  const mac = e.mac * 0.8;
  const dram = e.dram / 2;
  return { ...e, mac, dram, total: mac + e.rf + e.noc + e.glb + dram };
};
// The shared run: fewer MACs (psum additions replace some) and half the DRAM energy.
const sharedLayers: LayerResult[] = FIXTURE_LAYERS.map((l) => ({ ...l, macs: Math.round(l.macs * 0.8), energy: half(l.energy) }));
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
    expect(plan({ clusterRate: 0.05, firstLayer: 'uncompressed', k: [363, 64], sparsity: [0, 0] })).toBe('cluster rate 0.05, first conv layer kept');
    expect(plan({ clusterRate: 0.05, firstLayer: 0.2, k: [73, 64], sparsity: [0, 0] })).toBe('cluster rate 0.05, first conv layer 0.2');
    expect(plan({ clusterRate: 0.05, firstLayer: 0.05, k: [18, 64], sparsity: [0, 0] })).toBe('cluster rate 0.05');
    expect(plan({ k: [363, 64], sparsity: [0, 0.5] })).toBe('K 363,64, sparsity p 0,0.5');
  });
});

describe('renderCompareChart', () => {
  const root = parseSvg(renderCompareChart(base, run)).documentElement;

  it('draws a pair of bars per level, heights proportional to the energies', () => {
    const bar = (level: string, i: number) => root.querySelector(`rect.bar.run-${i}[data-level="${level}"]`);
    for (const level of ['mac', 'rf', 'noc', 'glb', 'dram'] as const) {
      expect(bar(level, 0), level).not.toBeNull();
      expect(bar(level, 1), level).not.toBeNull();
    }
    const h = (level: string, i: number) => Number(bar(level, i)?.getAttribute('height'));
    expect(h('dram', 1) / h('dram', 0)).toBeCloseTo(0.5, 9);
    expect(h('rf', 1) / h('rf', 0)).toBeCloseTo(1, 9);
  });

  it('names both runs in the legend, labels the axes with the unit and shows each level\'s change', () => {
    expect(texts(root, '.legend text')).toEqual(['uncompressed', 'Deep k-Means shared (cluster rate 0.05)']);
    expect(texts(root, '.y-title')[0]).toContain('(pJ)');
    expect(texts(root, '.x-axis .change')).toEqual(['-20.0%', '0%', '0%', '0%', '-50.0%']);
    expect(texts(root, 'text.subtitle')[0]).toContain('storage CR (32-bit) 9.50 fixed-length, 12.25 entropy-coded, on-chip CR 4.50');
  });
});

describe('comparisonTable', () => {
  const table = comparisonTable(base, run);
  const row = (label: string) => table.split('\n').find((l) => l.startsWith(label))?.trim().split(/\s{2,}/);

  it('puts uncompressed, compressed and the change on each row', () => {
    expect(row('energy DRAM')).toEqual(['energy DRAM', '6.7G', '3.35G', '-50.0%']);
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
});

describe('summary.json of a compressed run', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('keeps the uncompressed fields and adds the compressed block; writes the two extra files', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-compare-'));
    dirs.push(out);
    const { files, json } = writeRunOutputs(base, out, { compressed: run });
    expect(files.map((f) => path.basename(f)).sort())
      .toEqual(['energy-compare.svg', 'energy.svg', 'layers-compressed.csv', 'layers.csv', 'summary.json']);
    const s = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')).toBe(json);
    const { compressed, ...rest } = s;
    expect(rest).toEqual(JSON.parse(summaryJson(base)));
    expect(compressed.totals).toEqual(run.summary.totals);
    expect(compressed.compressionRatio).toEqual(run.sharing.compressionRatio);
    expect(compressed.compressionRatioDefinition.onChip).toMatch(/^on chip: filters in 16-bit words/);
    expect(compressed.compressionRatioDefinition.fixed).toMatch(/^storage: 32-bit/);
    expect(compressed.sharedLayers).toEqual(run.sharing.sharedLayers);
  });

  it('never spells out a typed array (a shared layer\'s indices)', () => {
    const layer = { ...FIXTURE_LAYERS[0], sharing: { k: 2, indexBits: 1, index: new Uint32Array(5000) } };
    const text = summaryJson(summaryOf([layer as LayerResult]));
    expect(text).not.toContain('"index"');
    expect(JSON.parse(text).layers[0].sharing).toEqual({ k: 2, indexBits: 1 });
  });
});
