import { describe, expect, it } from 'vitest';
import { placeLabels, type Box } from '../../src/report/labelPlacement.js';

const overlap = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

describe('placeLabels', () => {
  const bounds = { x0: 0, y0: 0, x1: 300, y1: 200 };

  it('keeps labels of crowded points apart, off the markers and inside the plot', () => {
    const points = [
      [100, 100],
      [104, 102],
      [108, 98],
      [100, 108],
      [296, 4],
    ];
    const requests = points.map(([x, y], i) => ({ x, y, text: `rate 0.${i}`, width: 40 }));
    const labels = placeLabels(requests, bounds, 10, 5);
    for (let i = 0; i < labels.length; i++) {
      const b = labels[i].box;
      expect(b.x0 >= bounds.x0 && b.x1 <= bounds.x1 && b.y0 >= bounds.y0 && b.y1 <= bounds.y1).toBe(true);
      for (let j = 0; j < labels.length; j++) if (j !== i) expect(overlap(b, labels[j].box)).toBe(false);
      for (const [x, y] of points) expect(overlap(b, { x0: x - 5, y0: y - 5, x1: x + 5, y1: y + 5 })).toBe(false);
    }
    // Near spots go first: the lone point's label sits right next to it, without a leader line. In the crowd
    // every near spot is about as close to a neighbour as to its own point, so the first label takes a leader.
    expect(labels[4].leader).toBe(false);
    expect(labels[0].leader).toBe(true);
  });

  it('puts a label nearer its own point than any other, or gives it a leader line', () => {
    // A neighbour 14 px to the right of the point, a little lower: the right-hand spot would sit above it.
    const neighbour = { x: 64, y: 58 };
    const [alone] = placeLabels([{ x: 50, y: 50, text: 'x', width: 30 }], bounds, 10, 4);
    const [label] = placeLabels([{ x: 50, y: 50, text: 'x', width: 30 }], bounds, 10, 4, { others: [neighbour] });
    expect(alone.anchor).toBe('start');
    const gap = (p: { x: number; y: number }, b: Box) =>
      Math.hypot(Math.max(b.x0 - p.x, 0, p.x - b.x1), Math.max(b.y0 - p.y, 0, p.y - b.y1));
    expect(gap(neighbour, alone.box)).toBeLessThan(gap({ x: 50, y: 50 }, alone.box) * 1.5 + 4);
    expect(label.leader || gap(neighbour, label.box) > gap({ x: 50, y: 50 }, label.box) * 1.5 + 4).toBe(true);
    expect(label.anchor).not.toBe('start');
  });

  it('prefers a spot that clears the given line', () => {
    // A line running right through the first (right-hand) spot pushes the label elsewhere.
    const [label] = placeLabels([{ x: 50, y: 50, text: 'x', width: 20 }], bounds, 10, 4, { avoid: [{ x0: 40, y0: 50, x1: 200, y1: 50 }] });
    expect(label.anchor).not.toBe('start');
  });

  it('keeps labels off the given obstacles (e.g. unlabelled markers)', () => {
    const obstacle = { x0: 52, y0: 30, x1: 120, y1: 70 };
    const [free] = placeLabels([{ x: 50, y: 50, text: 'x', width: 20 }], bounds, 10, 4);
    const [label] = placeLabels([{ x: 50, y: 50, text: 'x', width: 20 }], bounds, 10, 4, { obstacles: [obstacle] });
    expect(overlap(free.box, obstacle)).toBe(true);
    expect(overlap(label.box, obstacle)).toBe(false);
  });

  it('keeps off unlabelled points where it can, covers one rather than leave the label out, and says when nothing fits', () => {
    const grid = (step: number) => Array.from({ length: 31 * 21 }, (_, i) => ({ x: (i % 31) * step, y: Math.floor(i / 31) * step }));
    const sparse = grid(40).filter((p) => p.x !== 160 || p.y !== 80);
    const [clear] = placeLabels([{ x: 160, y: 80, text: 'x', width: 20 }], bounds, 10, 4, { others: sparse });
    expect(clear.fits).toBe(true);
    expect(sparse.some((p) => overlap(clear.box, { x0: p.x - 4, y0: p.y - 4, x1: p.x + 4, y1: p.y + 4 }))).toBe(false);
    // Unlabelled points every 10 px: every spot covers one, and the label is still placed.
    const dense = grid(10).filter((p) => p.x !== 150 || p.y !== 80);
    const [covering] = placeLabels([{ x: 150, y: 80, text: 'x', width: 20 }], bounds, 10, 4, { others: dense });
    expect(covering.fits).toBe(true);
    // A label wider than the plot fits nowhere.
    const [tooWide] = placeLabels([{ x: 150, y: 80, text: 'x', width: 400 }], bounds, 10, 4);
    expect(tooWide.fits).toBe(false);
  });
});
