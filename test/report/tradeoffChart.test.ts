// tradeoff.svg read back: every evaluated mapping a point, the front strong and joined in order of cycles,
// the dominated ones faint, the chosen mapping circled.
import { describe, expect, it } from 'vitest';
import { renderTradeoff } from '../../src/report/tradeoffChart.js';
import { parseSvg } from './svgDom.js';

// (cycles, energy): a, b and d are on the front; c is beaten by a (fewer cycles, less energy), e by b.
const points = [
  { cycles: 100, energy: 50 },
  { cycles: 200, energy: 30 },
  { cycles: 150, energy: 60 },
  { cycles: 400, energy: 10 },
  { cycles: 300, energy: 35 },
];
const svg = parseSvg(
  renderTradeoff({
    layer: 'CONV3',
    model: 'alexnet',
    hardware: 'eyeriss-v1',
    objective: 'edp',
    energyUnit: 'pJ',
    points,
    front: [0, 1, 3],
    chosen: { energy: 30, cycles: 200, simulatedCycles: 230, mapping: 'e13 r4 t1 p16 q4 n1' },
  }),
).documentElement;

describe('renderTradeoff', () => {
  const groups = [...svg.querySelectorAll('g.point')];

  it('draws every mapping, the dominated ones faint, and one circled choice', () => {
    expect(groups).toHaveLength(points.length + 1);
    expect(svg.querySelectorAll('g.point.faint')).toHaveLength(2);
    const ringed = svg.querySelectorAll('g.ringed');
    expect(ringed).toHaveLength(1);
    const [marker, ring] = [...ringed[0].querySelectorAll('circle')];
    expect(ring.getAttribute('class')).toBe('ring');
    expect([ring.getAttribute('cx'), ring.getAttribute('cy')]).toEqual([marker.getAttribute('cx'), marker.getAttribute('cy')]);
    expect(ringed[0].getAttribute('data-chosen')).toBe('1');
    expect(ringed[0].querySelector('text')!.textContent).toBe('chosen (edp)');
  });

  it('joins the front in order of cycles: falling energy as the cycles grow', () => {
    const xy = svg
      .querySelector('polyline.front')!
      .getAttribute('points')!
      .split(' ')
      .map((p) => p.split(',').map(Number));
    expect(xy).toHaveLength(3);
    expect(xy[0][0]).toBeLessThan(xy[1][0]);
    expect(xy[1][0]).toBeLessThan(xy[2][0]);
    // Screen y grows downwards: less energy is lower on the page.
    expect(xy[0][1]).toBeLessThan(xy[1][1]);
    expect(xy[1][1]).toBeLessThan(xy[2][1]);
  });

  it("says what it shows: the layer, how many mappings, and the chosen one's simulated cycles", () => {
    const text = svg.textContent ?? '';
    expect(text).toContain('alexnet CONV3: energy vs cycles of the 5 mappings the searches evaluated');
    expect(text).toContain('circled: the edp choice, simulated 230 cycles');
    expect(text).toContain('cycles (analytical estimate)');
    expect(text).toContain('energy (pJ)');
  });

  it('shows pJ energies in the joule unit where every point reads at least 1', () => {
    // 1e9..6e9 pJ: 1..6 mJ, never "1G pJ".
    const big = parseSvg(
      renderTradeoff({
        layer: 'CONV3',
        model: 'alexnet',
        hardware: 'eyeriss-v1',
        objective: 'energy',
        energyUnit: 'pJ',
        points: points.map((p) => ({ ...p, energy: p.energy * 1e8 })),
        front: [0, 1, 3],
        chosen: { energy: 3e9, cycles: 200, mapping: 'm' },
      }),
    ).documentElement;
    expect(big.textContent).toContain('energy (mJ)');
    expect(big.querySelector('g.ringed title')!.textContent).toBe('m: 200 cycles estimated, 3 mJ');
    expect(big.textContent).not.toMatch(/\d[kMGT] pJ/);
  });
});
