import { describe, expect, it } from 'vitest';
import type { EnergyPart } from '../../src/model/result.js';
import { renderEnergyChart } from '../../src/report/energyChart.js';
import { LEVEL_COLORS } from '../../src/report/levels.js';
import { FIXTURE_LAYERS, fixtureSummary, longSummary, summaryOf } from './fixture.js';
import { parseSvg } from './svgDom.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const texts = (root: Element | Document, selector: string): string[] =>
  [...root.querySelectorAll(selector)].map((t) => t.textContent ?? '');

describe('renderEnergyChart', () => {
  const svgText = renderEnergyChart(fixtureSummary());
  const doc = parseSvg(svgText);
  const root = doc.documentElement;

  it('is one well-formed standalone <svg> root with the SVG namespace', () => {
    expect(svgText.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svgText.match(/<svg\b/g)).toHaveLength(1);
    expect(svgText.trimEnd().endsWith('</svg>')).toBe(true);
    expect(root.localName).toBe('svg');
    expect(root.namespaceURI).toBe(SVG_NS);
    expect(Number(root.getAttribute('width'))).toBeGreaterThan(0);
    expect(root.getAttribute('viewBox')).toBe(`0 0 ${root.getAttribute('width')} ${root.getAttribute('height')}`);
  });

  it('draws one rect per (layer, level) with non-zero energy, in the level colour', () => {
    const bars = [...root.querySelectorAll('rect.bar')];
    const expected = FIXTURE_LAYERS.flatMap((l, i) =>
      (['mac', 'rf', 'noc', 'glb', 'dram'] as const).filter((p) => l.energy[p] > 0).map((p) => `${i}:${p}`),
    );
    expect(expected).toHaveLength(14); // conv2 has no NoC energy
    expect(bars.map((b) => `${b.getAttribute('data-layer-index')}:${b.getAttribute('data-level')}`).sort()).toEqual(expected.sort());
    for (const b of bars) {
      const part = b.getAttribute('data-level') as EnergyPart;
      expect(b.parentElement?.getAttribute('fill')).toBe(LEVEL_COLORS[part]);
    }
  });

  it('makes bar heights proportional to energies', () => {
    const bar = (layer: number, part: EnergyPart): number =>
      Number(root.querySelector(`rect.bar[data-layer-index="${layer}"][data-level="${part}"]`)?.getAttribute('height'));
    // conv2 RF (5e9 pJ) against fc8 DRAM (3.3e9 pJ), and conv1 MAC against conv1 GLB.
    expect(bar(1, 'rf') / bar(2, 'dram')).toBeCloseTo(5e9 / 3.3e9, 9);
    expect(bar(0, 'mac') / bar(0, 'glb')).toBeCloseTo(421_632_000 / 150_000_000, 9);
    // Stacks: each level starts where the one below ends.
    const y = (part: EnergyPart): number =>
      Number(root.querySelector(`rect.bar[data-layer-index="0"][data-level="${part}"]`)?.getAttribute('y'));
    expect(y('mac') - y('rf')).toBeCloseTo(bar(0, 'rf'), 9);
  });

  it('has a title with model, hardware, batch and total; a legend; labelled axes', () => {
    const title = texts(root, 'text.title')[0];
    expect(title).toContain('tinynet');
    expect(title).toContain('eyeriss');
    expect(title).toContain('batch 4');
    // 16,279,606,400 pJ: in mJ, never "16.28G pJ".
    expect(title).toContain('total energy 16.28 mJ');
    expect(texts(root, '.legend text')).toEqual(['MAC', 'RF', 'NoC', 'GLB', 'DRAM']);
    expect(texts(root, '.x-axis text')).toEqual(['conv1', 'conv2, grouped', 'fc8']);
    expect(texts(root, '.y-title')).toEqual(['energy per layer (mJ)']);
    // The tallest bar is conv2's 9.89e9 pJ = 9.89 mJ: ticks 0, 2, ..., 10 mJ.
    expect(texts(root, '.y-axis text')).toEqual(['0', '2', '4', '6', '8', '10']);
    expect(texts(root, 'rect.bar[data-layer-index="1"][data-level="rf"] title')).toEqual(['conv2, grouped: RF 5 mJ']);
  });

  it('is titled for the layer when the run has one layer', () => {
    const r = parseSvg(renderEnergyChart(summaryOf([FIXTURE_LAYERS[2]]))).documentElement;
    expect(texts(r, 'text.title')[0]).toMatch(/^tinynet fc8 on eyeriss, batch 4: energy 3\.\d+ mJ by level$/);
    expect(texts(r, 'text.subtitle')[0]).toMatch(/^fc layer, /);
    expect(texts(r, '.x-title')).toEqual(['layer']);
    expect(texts(r, '.y-title')).toEqual(['energy of the layer (mJ)']);
  });

  it('labels the MAC-normalized unit and escapes odd names', () => {
    const text = renderEnergyChart(fixtureSummary({ energyUnit: 'MAC', model: 'a<b & "c"\u00a0\u0001' }));
    const r = parseSvg(text).documentElement;
    expect(texts(r, '.y-title')).toEqual(['energy per layer (MAC-normalized units)']);
    expect(texts(r, 'text.title')[0]).toMatch(/^a<b & "c"\u00a0\ufffd on eyeriss/);
  });

  it('is deterministic', () => {
    expect(renderEnergyChart(fixtureSummary())).toBe(svgText);
    const long = longSummary(55);
    expect(renderEnergyChart(long)).toBe(renderEnergyChart(long));
  });

  it('widens with the layer count and shortens very long labels', () => {
    const r = parseSvg(renderEnergyChart(longSummary(55))).documentElement;
    expect(Number(r.getAttribute('width'))).toBeGreaterThanOrEqual(55 * 18);
    expect(r.querySelectorAll('.x-axis .tick')).toHaveLength(55);
    for (const label of texts(r, '.x-axis text')) expect(label.length).toBeLessThanOrEqual(28);
    expect(texts(r, '.x-axis text')).toContain('inception_4e/d\u2026educe_branch4');
  });

  it('renders an empty run as an empty plot that says so, and refuses negative or non-finite energy', () => {
    const empty = parseSvg(renderEnergyChart(summaryOf([]))).documentElement;
    expect(empty.querySelectorAll('rect.bar')).toHaveLength(0);
    expect(empty.querySelectorAll('.x-axis .tick')).toHaveLength(0);
    expect(texts(empty, 'text.title')[0]).toMatch(/total energy 0 pJ$/);
    expect(texts(empty, 'text.subtitle')[0]).toMatch(/^0 layers, 0 MACs/);
    expect(texts(empty, '.plot > text').filter((t) => t === 'no layers')).toHaveLength(1);
    const bad = { ...FIXTURE_LAYERS[2], energy: { ...FIXTURE_LAYERS[2].energy, glb: -1 } };
    expect(() => renderEnergyChart(summaryOf([bad]))).toThrow(/fc8.*energy\.glb is -1/);
  });
});
