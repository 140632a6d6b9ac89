import { describe, expect, it } from 'vitest';
import { layerTable } from '../../src/report/table.js';
import { FIXTURE_LAYERS, fixtureSummary, longSummary } from './fixture.js';

const ANSI = /\u001b\[/;

describe('layerTable', () => {
  const table = layerTable(fixtureSummary());
  const lines = table.split('\n');

  it('lists every layer, the totals, latency and energy per MAC', () => {
    for (const l of FIXTURE_LAYERS) expect(table).toContain(l.name);
    const total = lines.find((l) => l.startsWith('TOTAL')) ?? '';
    expect(total).toContain('16.3G'); // total energy, pJ
    expect(total).toContain('2.23G'); // MACs
    expect(table).toContain('latency 85.00 ms at 200 MHz');
    expect(table).toContain('7.302 pJ per MAC');
    expect(table).toContain('83.7%'); // conv1 utilization
  });

  it('aligns columns and stays within 160 columns', () => {
    const header = lines.find((l) => l.startsWith('layer')) ?? '';
    const body = lines.filter((l) => FIXTURE_LAYERS.some((f) => l.startsWith(f.name)) || l.startsWith('TOTAL'));
    expect(body).toHaveLength(4);
    for (const l of [header, ...body]) {
      expect([...l].length).toBeLessThanOrEqual(160);
      // Right-aligned last column: every row ends where the header ends.
      expect([...l].length).toBe([...header].length);
    }
    expect(table).toContain('\u2026'); // the long mapping was shortened
    for (const l of longSummary(60).layers) expect(layerTable(longSummary(60))).toContain(l.name.length > 28 ? l.name.slice(0, 14) : l.name);
  });

  it('uses colour codes only when asked', () => {
    expect(table).not.toMatch(ANSI);
    const coloured = layerTable(fixtureSummary(), { color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(table);
  });

  it('names the MAC-normalized unit', () => {
    expect(layerTable(fixtureSummary({ energyUnit: 'MAC' }))).toContain('MAC-normalized units per MAC');
  });
});
