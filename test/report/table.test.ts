import { describe, expect, it } from 'vitest';
import type { LayerResult } from '../../src/model/result.js';
import { layerTable, refinementNote, stallShares } from '../../src/report/table.js';
import { wrapProse } from '../../src/report/shorten.js';
import { CYCLE_LAYERS, cycleSummary, FIXTURE_LAYERS, fixtureSummary, longSummary, summaryOf } from './fixture.js';

/** How every ANSI colour code starts: ESC [. */
const ANSI = '\u001b[';

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
    for (const l of longSummary(60).layers)
      expect(layerTable(longSummary(60))).toContain(l.name.length > 28 ? l.name.slice(0, 14) : l.name);
  });

  it('uses colour codes only when asked', () => {
    expect(table).not.toContain(ANSI);
    const coloured = layerTable(fixtureSummary(), { color: true });
    expect(coloured).toContain(ANSI);
    // eslint-disable-next-line no-control-regex -- the ESC that starts a colour code is what this pattern is for
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(table);
  });

  it('names the MAC-normalized unit', () => {
    expect(layerTable(fixtureSummary({ energyUnit: 'MAC' }))).toContain('MAC-normalized units per MAC');
  });
});

describe('layerTable with engine cycle', () => {
  const table = layerTable(cycleSummary());
  const lines = table.split('\n');
  const header = lines.find((l) => l.startsWith('layer')) ?? '';
  const row = (name: string): string => lines.find((l) => l.startsWith(name)) ?? '';
  const stallsAt = header.indexOf('stalls');

  it("has a stalls column after the cycles, as shares of each layer's cycles", () => {
    expect(stallsAt).toBeGreaterThan(header.indexOf('cycles'));
    expect(stallsAt).toBeLessThan(header.indexOf('E mac'));
    expect(row('conv1').slice(stallsAt)).toMatch(/^dram 12% glb 3% +/);
    expect(row('conv2, grouped').slice(stallsAt)).toMatch(/^dram 13% noc <1% +/);
    expect(row('fc8').slice(stallsAt)).toMatch(/^- +/);
    // 1.896M DRAM stall cycles of 17.3M, 99k GLB, 30k NoC.
    expect(row('TOTAL').slice(stallsAt)).toMatch(/^dram 11% glb <1% noc <1% +/);
  });

  it('shows the simulated cycles and says which engine produced them', () => {
    expect(row('conv1')).toContain('3.3M');
    const note = lines.find((l) => l.startsWith('cycles and util')) ?? '';
    expect(note).toBe(
      "cycles and util: cycle-level simulator (engine 'cycle'; analytical estimate 16.5M cycles); stalls: PE array waits by cause, % of the layer's cycles",
    );
    expect(note.length).toBeLessThanOrEqual(160);
    expect(table).toContain('latency 86.50 ms at 200 MHz');
  });

  it('stays aligned and within 160 columns', () => {
    const body = lines.filter((l) => CYCLE_LAYERS.some((f) => l.startsWith(f.name)) || l.startsWith('TOTAL'));
    expect(body).toHaveLength(4);
    for (const l of [header, ...body]) {
      expect([...l].length).toBeLessThanOrEqual(160);
      expect([...l].length).toBe([...header].length);
    }
  });

  it('leaves the analytical table without stalls or engine note', () => {
    const analytical = layerTable(fixtureSummary());
    expect(analytical).not.toContain('stalls');
    expect(analytical).not.toContain('simulator');
  });

  it('says how often choosing by simulated cycles changed the mapping, and what it saved', () => {
    // conv1: the third of 4 candidates simulated in 3.3M cycles, the analytical choice in 3.6M: 300k saved,
    // 8.3% there; of the run's 17.3M + 0.3M = 17.6M cycles, 1.7%. conv2 kept the analytical choice.
    const [conv1, conv2, fc8] = CYCLE_LAYERS;
    const refined = (l: LayerResult, candidates: number, chosenRank: number, unrefinedCycles: number): LayerResult => ({
      ...l,
      simulation: { ...l.simulation!, refinement: { candidates, chosenRank, unrefinedCycles } },
    });
    const summary = summaryOf([refined(conv1, 4, 2, 3_600_000), refined(conv2, 3, 0, 12_000_000), fc8], {
      engine: 'cycle',
      objective: 'latency',
    });
    expect(refinementNote(summary)).toBe(
      "refinement: up to 4 of the analytical ranking's best mappings simulated per layer; another was faster in 1 of 2 layers: " +
        '8.3% fewer cycles there, 1.7% of the run (17.6M -> 17.3M cycles)',
    );
    expect(layerTable(summary)).toContain('another was faster in 1 of 2 layers');
    expect(refinementNote(summaryOf([refined(conv2, 3, 0, 12_000_000)], { engine: 'cycle' }))).toMatch(
      /the analytical choice simulated fastest in all 1 layers$/,
    );
    expect(refinementNote(cycleSummary())).toBeNull();
  });

  it('spells stall shares compactly', () => {
    expect(stallShares({ dram: 0, glb: 0, noc: 0, psumDrain: 0 }, 100)).toBe('-');
    expect(stallShares({ dram: 0, glb: 0, noc: 0, psumDrain: 50 }, 100)).toBe('psum 50%');
    expect(stallShares({ dram: 0.4, glb: 99.6, noc: 0, psumDrain: 0 }, 100)).toBe('dram <1% glb 100%');
  });
});

describe('layerTable fitted to a terminal', () => {
  const visible = (text: string) => text.split('\n').map((l) => [...l].length);
  const summaries = { analytical: fixtureSummary(), cycle: cycleSummary(), long: longSummary(60) };

  it.each([160, 120, 100, 80])('keeps every line within %i columns', (width) => {
    for (const [name, summary] of Object.entries(summaries)) {
      expect(Math.max(...visible(layerTable(summary, { width }))), `${name} at ${width}`).toBeLessThanOrEqual(width);
    }
  });

  it('shortens the mapping first, to its pass shape, and keeps it whole in the files', () => {
    const at = (width: number) => layerTable(fixtureSummary(), { width }).split('\n');
    const conv2 = (lines: string[]) => lines.find((l) => l.startsWith('conv2, grouped'))!;
    // 160: the long mapping cut near its end; 110: cut to its pass shape (the rest takes 86 columns); 90: no mapping.
    expect(conv2(at(160))).toContain('e27 r1 t1 p16 q2 n1 | GLB m64 c48 n1 p2 | DRAM m4 n4 with a very long t\u2026');
    expect(conv2(at(110))).toContain('e27 r1 t1 p16 q2 n1 |\u2026');
    expect(at(110).find((l) => l.startsWith('layer'))).toContain('mapping');
    const narrow = at(90);
    expect(narrow.find((l) => l.startsWith('layer'))).not.toContain('mapping');
    expect(narrow.find((l) => l.startsWith('layer'))).toContain('E rf');
    expect(conv2(narrow)).not.toContain('e27');
    expect(narrow.join(' ')).toContain('mappings: in layers.csv and summary.json');
    // Narrower still: only the total energy is left, and the legend says where the rest is.
    const narrower = at(60);
    expect(narrower.find((l) => l.startsWith('layer'))!.split(/\s{2,}/)).toEqual(['layer', 'MACs', 'PEs', 'util', 'cycles', 'E total']);
    expect(narrower.join(' ')).toContain('mappings and energy by level: in layers.csv and summary.json');
  });

  it('wraps prose after "; " or at a space', () => {
    expect(wrapProse('energies in pJ; SI prefixes k=1e3 M=1e6; util = MACs / cycles', 30)).toEqual([
      'energies in pJ;',
      'SI prefixes k=1e3 M=1e6;',
      'util = MACs / cycles',
    ]);
    expect(wrapProse('short', 30)).toEqual(['short']);
  });
});
