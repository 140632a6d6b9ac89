import { describe, expect, it } from 'vitest';
import { layersCsv } from '../../src/report/csv.js';
import { parseCsv } from './csvParse.js';
import { fixtureSummary, FIXTURE_LAYERS, summaryOf } from './fixture.js';

const HEADER = [
  'layer', 'kind', 'shape', 'macs', 'mapping', 'active_pes', 'utilization', 'cycles', 'cycle_bound',
  'energy_mac_pJ', 'energy_rf_pJ', 'energy_noc_pJ', 'energy_glb_pJ', 'energy_dram_pJ', 'energy_total_pJ',
  'dram_ifmap_words', 'dram_filter_words', 'dram_psum_words', 'glb_ifmap_words', 'glb_filter_words', 'glb_psum_words',
  'noc_ifmap_words', 'noc_filter_words', 'noc_psum_words', 'rf_ifmap_words', 'rf_filter_words', 'rf_psum_words',
];

describe('layersCsv', () => {
  const summary = fixtureSummary();
  const rows = parseCsv(layersCsv(summary));

  it('has the header, one row per layer in order, and a TOTAL row', () => {
    expect(rows[0]).toEqual(HEADER);
    expect(rows).toHaveLength(FIXTURE_LAYERS.length + 2);
    expect(rows.slice(1, -1).map((r) => r[0])).toEqual(FIXTURE_LAYERS.map((l) => l.name));
    expect(rows.at(-1)?.[0]).toBe('TOTAL');
    for (const r of rows) expect(r).toHaveLength(HEADER.length);
  });

  it('keeps a name with a comma in one quoted field', () => {
    expect(layersCsv(summary)).toContain('"conv2, grouped"');
    expect(rows[2][0]).toBe('conv2, grouped');
  });

  it('writes each layer figure so that it parses back exactly', () => {
    FIXTURE_LAYERS.forEach((l, i) => {
      const r = Object.fromEntries(HEADER.map((h, j) => [h, rows[i + 1][j]]));
      expect(Number(r.macs)).toBe(l.macs);
      expect(Number(r.utilization)).toBe(l.utilization);
      expect(Number(r.cycles)).toBe(l.cycles);
      expect(r.cycle_bound).toBe(l.cycleBound);
      expect(r.mapping).toBe(l.mapping);
      expect(Number(r.energy_dram_pJ)).toBe(l.energy.dram);
      expect(Number(r.energy_total_pJ)).toBe(l.energy.total);
      expect(Number(r.rf_psum_words)).toBe(l.accesses.rf.psum);
    });
  });

  it('has a TOTAL row equal to the per-layer sums of every summed column', () => {
    const total = rows.at(-1) as string[];
    const summed = HEADER.map((h, j) => [h, j] as const).filter(([, j]) => total[j] !== '' && j > 0);
    expect(summed.map(([h]) => h)).toEqual(['macs', 'cycles', ...HEADER.slice(9)]);
    for (const [h, j] of summed) {
      const sum = rows.slice(1, -1).reduce((a, r) => a + Number(r[j]), 0);
      expect(Number(total[j]), h).toBe(sum);
    }
  });

  it('names the MAC-normalized unit in the energy columns', () => {
    const header = parseCsv(layersCsv(fixtureSummary({ energyUnit: 'MAC' })))[0];
    expect(header.filter((h) => h.startsWith('energy_'))).toEqual(
      ['mac', 'rf', 'noc', 'glb', 'dram', 'total'].map((p) => `energy_${p}_MACunits`),
    );
  });

  it('never uses exponent notation', () => {
    const big = { ...FIXTURE_LAYERS[0], macs: 4e20, energy: { ...FIXTURE_LAYERS[0].energy, mac: 1.5e-7 } };
    const csv = layersCsv(summaryOf([big]));
    expect(csv).not.toMatch(/\de[+-]?\d/i);
    expect(csv).toContain('400000000000000000000');
    expect(csv).toContain('0.00000015');
  });

  it('refuses a non-finite figure, naming the layer', () => {
    const bad = { ...FIXTURE_LAYERS[1], cycles: Number.NaN };
    expect(() => layersCsv(summaryOf([FIXTURE_LAYERS[0], bad]))).toThrow(/conv2, grouped.*cycles is NaN/);
  });
});
