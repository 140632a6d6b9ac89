import { describe, expect, it } from 'vitest';
import { loadHardware } from '../../src/hw/load.js';
import { searchMapping } from '../../src/search/search.js';
import { renderTimeline, TIMELINE_LANES, type TimelineInput } from '../../src/report/timelineChart.js';
import { laneRects, mergeIntervals, subtractIntervals } from '../../src/report/timelineLanes.js';
import { simulateLayer } from '../../src/sim/engine.js';
import type { SimResource, Timeline } from '../../src/sim/types.js';
import { mappingView } from '../../src/workload/layer.js';
import { resolveModel } from '../../src/workload/zoo/index.js';
import { parseSvg } from './svgDom.js';

const texts = (root: Element | Document, selector: string): string[] =>
  [...root.querySelectorAll(selector)].map((t) => t.textContent ?? '');

type Intervals = [number, number][];

function timelineOf(lanes: Partial<Timeline>): Timeline {
  return { dram: [], glb: [], ifmapBus: [], filterBus: [], psumBus: [], array: [], arrayWaits: [], ...lanes };
}

function input(lanes: Partial<Timeline>, over: Partial<TimelineInput> = {}): TimelineInput {
  return {
    layer: 'CONV2',
    model: 'alexnet',
    hardware: 'eyeriss',
    clockMHz: 200,
    timeline: timelineOf(lanes),
    stats: { cycles: 1_000_000, utilization: 0.4321, stallCycles: { dram: 120_000, glb: 30_000, noc: 0, psumDrain: 2_500 } },
    ...over,
  };
}

/** A small hand-made run: the array computes twice, the buses feed it, the GLB and DRAM load tiles. */
const SMALL = input({
  array: [
    [100_000, 500_000],
    [600_000, 1_000_000],
  ],
  ifmapBus: [
    [100_000, 150_000],
    [600_000, 650_000],
  ],
  filterBus: [[100_000, 120_000]],
  psumBus: [
    [480_000, 500_000],
    [980_000, 1_000_000],
  ],
  glb: [
    [0, 100_000],
    [500_000, 600_000],
  ],
  dram: [
    [0, 100_000],
    [500_000, 600_000],
  ],
});

const busyRects = (root: Element, resource: SimResource): Element[] => [...root.querySelectorAll(`g.busy-${resource} > rect`)];
const plotWidth = (root: Element): number => Number(root.querySelector('rect.lane-bg')?.getAttribute('width'));

describe('renderTimeline', () => {
  const svgText = renderTimeline(SMALL);
  const root = parseSvg(svgText).documentElement;

  it('is one well-formed standalone <svg> with one labelled lane per resource, in order', () => {
    expect(svgText.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(root.localName).toBe('svg');
    expect(root.getAttribute('viewBox')).toBe(`0 0 ${root.getAttribute('width')} ${root.getAttribute('height')}`);
    expect(texts(root, 'text.lane-label')).toEqual(['PE array', 'ifmap bus (GIN)', 'filter bus', 'psum bus (GON)', 'GLB', 'DRAM']);
    expect([...root.querySelectorAll('g.lane')].map((g) => g.getAttribute('data-resource'))).toEqual([
      'array',
      'ifmapBus',
      'filterBus',
      'psumBus',
      'glb',
      'dram',
    ]);
    expect(TIMELINE_LANES.map((l) => l.resource).sort()).toEqual(['array', 'dram', 'filterBus', 'glb', 'ifmapBus', 'psumBus']);
  });

  it('draws each interval as a rect with x and width proportional to its cycles', () => {
    const w = plotWidth(root);
    expect(w).toBeGreaterThanOrEqual(900);
    const array = busyRects(root, 'array');
    expect(array).toHaveLength(2);
    const [, second] = array;
    expect(Number(second.getAttribute('x'))).toBeCloseTo((600_000 / 1_000_000) * w, 1);
    expect(Number(second.getAttribute('width'))).toBeCloseTo((400_000 / 1_000_000) * w, 1);
    expect(second.hasAttribute('fill-opacity')).toBe(false);
    // Lanes keep the same scale: the filter bus rect starts where the first array rect starts.
    expect(busyRects(root, 'filterBus')[0].getAttribute('x')).toBe(array[0].getAttribute('x'));
    expect(Number(busyRects(root, 'filterBus')[0].getAttribute('width'))).toBeCloseTo(0.02 * w, 1);
    // The array computes 80% of the time and waits 15.25% (the stalls: before its first pass and between them).
    expect(texts(root, 'text.lane-busy')).toEqual([
      '80.0% computing',
      '15.3% waiting',
      '10.0% busy',
      '2.0% busy',
      '4.0% busy',
      '20.0% busy',
      '20.0% busy',
    ]);
  });

  it("draws the array's waits for late operands apart from its computing, and says which PEs utilization counts", () => {
    // Each pass waits its last 30k cycles for an operand: 800k - 60k = 740k cycles computing.
    const r = parseSvg(
      renderTimeline(
        input(
          {
            ...SMALL.timeline,
            arrayWaits: [
              [470_000, 500_000],
              [970_000, 1_000_000],
            ],
          },
          { stats: { ...SMALL.stats, pes: { active: 90, total: 168 } } },
        ),
      ),
    ).documentElement;
    const w = plotWidth(r);
    const computing = busyRects(r, 'array');
    expect(computing.map((e) => Number(e.getAttribute('width')) / w)).toEqual([0.37, 0.37].map((x): unknown => expect.closeTo(x, 4)));
    const waits = [...r.querySelectorAll('g.waits-array > rect')];
    expect(waits.map((e) => Number(e.getAttribute('x')) / w)).toEqual([0.47, 0.97].map((x): unknown => expect.closeTo(x, 4)));
    expect(waits.map((e) => Number(e.getAttribute('width')) / w)).toEqual([0.03, 0.03].map((x): unknown => expect.closeTo(x, 4)));
    expect(texts(r, 'text.lane-busy').slice(0, 2)).toEqual(['74.0% computing', '15.3% waiting']);
    expect(texts(r, 'text.note')[0]).toContain('PE utilization counts all 168 PEs: a pass uses 90');
  });

  it('has a title with layer, model, hardware, cycles and utilization; stalls by cause in the caption', () => {
    const title = texts(root, 'text.title')[0];
    expect(title).toBe('CONV2 (alexnet) on eyeriss: 1M cycles, 43.2% PE utilization');
    expect(texts(root, 'svg > title')[0]).toBe(title);
    const caption = texts(root, 'text.caption')[0];
    expect(caption).toContain('DRAM 120k (12.0%)');
    expect(caption).toContain('GLB 30k (3.0%)');
    expect(caption).toContain('NoC 0');
    expect(caption).toContain('psum drain 2.5k (0.3%)');
    expect(caption).toContain('total 152.5k (15.3%)');
  });

  it('puts cycles on the axis (SI) and the same instants in microseconds under them', () => {
    const cycles = texts(root, '.x-axis .tick > text:not(.tick-us)');
    const us = texts(root, '.x-axis .tick-us');
    expect(cycles).toContain('200k');
    expect(cycles).toContain('1M');
    expect(us[cycles.indexOf('200k')]).toBe('1,000');
    expect(us[cycles.indexOf('1M')]).toBe('5,000');
    expect(texts(root, '.x-title-us')).toEqual(['\u00b5s at 200 MHz']);
    expect(texts(root, 'text.subtitle')[0]).toMatch(/^5,000 \u00b5s at 200 MHz/);
  });

  it('merges 100k sub-pixel intervals into few rects and a small file', () => {
    const tiny: Intervals = Array.from({ length: 100_000 }, (_, i) => [i * 10, i * 10 + 1]);
    const text = renderTimeline(input({ ifmapBus: tiny, psumBus: tiny.map(([s, e]) => [s + 2, e + 4]), array: [[0, 1_000_000]] }));
    expect(text.length).toBeLessThan(2_000_000);
    const r = parseSvg(text).documentElement;
    const rects = r.querySelectorAll('g.bars rect');
    expect(rects.length).toBeLessThan(50);
    // 10% busy everywhere: one light rect across the whole lane, not a solid bar.
    const [ifmap] = busyRects(r, 'ifmapBus');
    expect(busyRects(r, 'ifmapBus')).toHaveLength(1);
    expect(ifmap.getAttribute('fill-opacity')).toBe('0.2');
    expect(Number(ifmap.getAttribute('width'))).toBeCloseTo(plotWidth(r), 1);
    expect(busyRects(r, 'psumBus')[0].getAttribute('fill-opacity')).toBe('0.3');
    expect(texts(r, 'text.lane-busy').slice(0, 5)).toEqual(['100.0% computing', '15.3% waiting', '10.0% busy', '0.0% busy', '30.0% busy']);
  });

  it('keeps the number of rects bounded by the plot width however the intervals are spread', () => {
    // Intervals 1.5 px apart: nothing to merge, each drawn as a light hairline.
    const spread: Intervals = Array.from({ length: 600 }, (_, i) => [i * 1500, i * 1500 + 10]);
    const many: Intervals = Array.from({ length: 100_000 }, (_, i) => [i * 10 + (i % 7), i * 10 + 3 + (i % 7)]);
    const text = renderTimeline(input({ dram: spread, glb: many, ifmapBus: many, filterBus: many, psumBus: many, array: many }));
    expect(text.length).toBeLessThan(2_000_000);
    const r = parseSvg(text).documentElement;
    expect(busyRects(r, 'dram')).toHaveLength(600);
    for (const rect of busyRects(r, 'dram')) {
      expect(Number(rect.getAttribute('width'))).toBe(1);
      expect(rect.getAttribute('fill-opacity')).toBe('0.2');
    }
    expect(r.querySelectorAll('g.bars rect').length).toBeLessThan(600 + 5 * plotWidth(r));
  });

  it('is deterministic and does not depend on interval order or touch its input', () => {
    expect(renderTimeline(SMALL)).toBe(svgText);
    const lanes = SMALL.timeline;
    const shuffled = Object.fromEntries(
      Object.entries(lanes).map(([k, v]) => [k, Object.freeze([...v].reverse().map((iv) => Object.freeze([...iv])))]),
    ) as unknown as Timeline;
    expect(renderTimeline({ ...SMALL, timeline: shuffled })).toBe(svgText);
    expect(shuffled.array[0]).toEqual([600_000, 1_000_000]);
  });

  it('escapes odd names, renders an empty timeline, refuses bad figures', () => {
    const odd = parseSvg(renderTimeline(input({}, { layer: 'a<b & "c"\u0001', model: 'm', hardware: 'h' }))).documentElement;
    expect(texts(odd, 'text.title')[0]).toMatch(/^a<b & "c"\ufffd \(m\) on h/);
    const empty = parseSvg(
      renderTimeline(input({}, { stats: { cycles: 0, utilization: 0, stallCycles: { dram: 0, glb: 0, noc: 0, psumDrain: 0 } } })),
    );
    expect(empty.querySelectorAll('g.bars rect')).toHaveLength(0);
    expect(() => renderTimeline(input({ glb: [[5, 2]] }))).toThrow(/glb\[0\] is \[5, 2\]/);
    expect(() => renderTimeline(input({ dram: [[0, Number.NaN]] }))).toThrow(RangeError);
    expect(() => renderTimeline(input({}, { clockMHz: 0 }))).toThrow(/clockMHz/);
    expect(() => renderTimeline(input({}, { stats: { ...SMALL.stats, cycles: Infinity } }))).toThrow(/stats\.cycles/);
  });
});

describe('mergeIntervals, subtractIntervals and laneRects', () => {
  it('subtracts holes from intervals, in any order', () => {
    expect(
      subtractIntervals(
        [
          [10, 20],
          [0, 8],
        ],
        [
          [15, 30],
          [2, 3],
          [5, 12],
        ],
      ),
    ).toEqual([
      [0, 2],
      [3, 5],
      [12, 15],
    ]);
    expect(subtractIntervals([[0, 10]], [])).toEqual([[0, 10]]);
    expect(subtractIntervals([[0, 10]], [[0, 10]])).toEqual([]);
  });

  it('joins overlaps and gaps shorter than the minimum, keeping the busy time', () => {
    const merged = mergeIntervals(
      [
        [10, 20],
        [0, 5],
        [5.5, 8],
        [30, 40],
        [35, 45],
      ],
      1,
    );
    expect(merged.map((m) => [m.start, m.end, m.busy])).toEqual([
      [0, 8, 7.5],
      [10, 20, 10],
      [30, 45, 15],
    ]);
    expect(
      mergeIntervals(
        [
          [3, 3],
          [4, 4],
        ],
        1,
      ),
    ).toEqual([]);
  });

  it('shades a run by its busy share per pixel, exact at solid edges', () => {
    // 1 px = 10 cycles: half of [0, 100) busy in 5-cycle bursts, then a solid stretch.
    const comb: Intervals = Array.from({ length: 10 }, (_, i) => [i * 10, i * 10 + 5]);
    const rects = laneRects([...comb, [200, 275]], 0.1, 100);
    expect(rects.map((r) => [r.x, r.width, r.opacity])).toEqual([
      [0, 10, 0.5],
      [20, 7.5, 1],
    ]);
    expect(rects.reduce((a, r) => a + r.busy, 0)).toBe(125);
  });
});

describe('renderTimeline on a simulated layer', () => {
  it('draws the timeline of AlexNet CONV1 on Eyeriss', () => {
    const hw = loadHardware('hardware/eyeriss.json');
    const layer = mappingView(resolveModel('alexnet', 1).layers[0]);
    const sim = simulateLayer(layer, hw, searchMapping(layer, hw, 'energy').best.mapping, { timeline: true });
    const timeline = sim.timeline as Timeline;
    const text = renderTimeline({
      layer: layer.name,
      model: 'alexnet',
      hardware: hw.name,
      clockMHz: hw.clockMHz,
      timeline,
      stats: sim.stats,
    });
    const r = parseSvg(text).documentElement;
    expect(texts(r, 'text.lane-label')).toHaveLength(6);
    expect(r.querySelectorAll('g.bars rect').length).toBeGreaterThan(0);
    expect(text.length).toBeLessThan(2_000_000);
    // The shares printed per lane are the simulator's busy cycles over the layer's cycles; the array's busy
    // cycles are its computing and its waits for operands inside passes, its waiting all its stalls.
    const shown = texts(r, 'text.lane-busy').map((t) => Number(t.replace(/% \w+$/, '')));
    const inPass = timeline.arrayWaits.reduce((a, [s, e]) => a + e - s, 0);
    expect(inPass).toBeGreaterThan(0);
    expect(shown[0]).toBeCloseTo(((sim.stats.busyCycles.array - inPass) / sim.stats.cycles) * 100, 0);
    const stalls = Object.values(sim.stats.stallCycles).reduce((a, b) => a + b, 0);
    expect(shown[1]).toBeCloseTo((stalls / sim.stats.cycles) * 100, 0);
    expect(inPass).toBeLessThanOrEqual(stalls);
    TIMELINE_LANES.slice(1).forEach(({ resource }, i) => {
      expect(shown[i + 2]).toBeCloseTo((sim.stats.busyCycles[resource] / sim.stats.cycles) * 100, 0);
    });
  });
});
