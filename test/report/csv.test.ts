import { describe, expect, it } from 'vitest';
import { layersCsv, layersCsvHeader } from '../../src/report/csv.js';
import { parseCsv } from './csvParse.js';
import { CYCLE_LAYERS, cycleSummary, fixtureSummary, FIXTURE_LAYERS, FIXTURE_SIMULATIONS, summaryOf } from './fixture.js';

const HEADER = [
  'layer',
  'kind',
  'shape',
  'macs',
  'mapping',
  'active_pes',
  'utilization',
  'cycles',
  'cycle_bound',
  'energy_mac_pJ',
  'energy_rf_pJ',
  'energy_noc_pJ',
  'energy_glb_pJ',
  'energy_dram_pJ',
  'energy_total_pJ',
  'dram_ifmap_words',
  'dram_filter_words',
  'dram_psum_words',
  'glb_ifmap_words',
  'glb_filter_words',
  'glb_psum_words',
  'noc_ifmap_words',
  'noc_filter_words',
  'noc_psum_words',
  'rf_ifmap_words',
  'rf_filter_words',
  'rf_psum_words',
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

describe('layersCsv with engine cycle', () => {
  const SIM_HEADER = [
    'analytical_cycles',
    'passes',
    'stall_dram_cycles',
    'stall_glb_cycles',
    'stall_noc_cycles',
    'stall_psum_drain_cycles',
  ];
  const rows = parseCsv(layersCsv(cycleSummary()));
  const col = (h: string): number => rows[0].indexOf(h);

  it('appends the simulator columns after the usual ones', () => {
    expect(rows[0]).toEqual([...HEADER, ...SIM_HEADER]);
    for (const r of rows) expect(r).toHaveLength(HEADER.length + SIM_HEADER.length);
    expect(layersCsvHeader('pJ', 'cycle')).toEqual(rows[0]);
    expect(layersCsvHeader('pJ')).toEqual(HEADER);
  });

  it("writes each layer's simulated cycles and simulation figures exactly", () => {
    FIXTURE_SIMULATIONS.forEach((sim, i) => {
      const r = rows[i + 1];
      expect(Number(r[col('cycles')])).toBe(sim.cycles);
      expect(Number(r[col('utilization')])).toBe(CYCLE_LAYERS[i].utilization);
      expect(Number(r[col('analytical_cycles')])).toBe(sim.analyticalCycles);
      expect(Number(r[col('passes')])).toBe(sim.passes);
      expect(Number(r[col('stall_dram_cycles')])).toBe(sim.stallCycles.dram);
      expect(Number(r[col('stall_glb_cycles')])).toBe(sim.stallCycles.glb);
      expect(Number(r[col('stall_noc_cycles')])).toBe(sim.stallCycles.noc);
      expect(Number(r[col('stall_psum_drain_cycles')])).toBe(sim.stallCycles.psumDrain);
    });
    expect(rows[2][col('stall_dram_cycles')]).toBe('1500000.5');
  });

  it('sums the simulator columns in the TOTAL row', () => {
    const total = rows.at(-1) as string[];
    expect(total[0]).toBe('TOTAL');
    for (const h of [...SIM_HEADER, 'cycles']) {
      const sum = rows.slice(1, -1).reduce((a, r) => a + Number(r[col(h)]), 0);
      expect(Number(total[col(h)]), h).toBe(sum);
    }
    expect(total[col('analytical_cycles')]).toBe('16500000');
    expect(total[col('stall_dram_cycles')]).toBe('1896000.5');
  });

  it('refuses a layer without simulation figures, or a bad one', () => {
    const bare = { ...CYCLE_LAYERS[1], simulation: undefined };
    expect(() => layersCsv(summaryOf([CYCLE_LAYERS[0], bare], { engine: 'cycle' }))).toThrow(/conv2, grouped.*no simulation figures/);
    const sim = FIXTURE_SIMULATIONS[2];
    const negative = { ...CYCLE_LAYERS[2], simulation: { ...sim, stallCycles: { ...sim.stallCycles, psumDrain: -1 } } };
    expect(() => layersCsv(summaryOf([negative], { engine: 'cycle' }))).toThrow(/fc8.*simulation\.stallCycles\.psumDrain is -1/);
    const nan = { ...CYCLE_LAYERS[0], simulation: { ...FIXTURE_SIMULATIONS[0], analyticalCycles: Number.NaN } };
    expect(() => layersCsv(summaryOf([nan], { engine: 'cycle' }))).toThrow(/conv1.*simulation\.analyticalCycles is NaN/);
    const busy = {
      ...CYCLE_LAYERS[0],
      simulation: { ...FIXTURE_SIMULATIONS[0], busyCycles: { ...FIXTURE_SIMULATIONS[0].busyCycles, glb: Infinity } },
    };
    expect(() => layersCsv(summaryOf([busy], { engine: 'cycle' }))).toThrow(/simulation\.busyCycles\.glb is Infinity/);
  });
});
