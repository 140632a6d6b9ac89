// Sweep rows built by hand for the output tests: a manifest and rows with chosen energy, latency and area, so
// the tests know every front without running a network.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ParetoObjective, SweepManifest } from '../../src/explore/manifest.js';
import { sweepColumns, sweepFiles } from '../../src/explore/outputs.js';
import type { SweepRow } from '../../src/explore/row.js';
import { writeFileSet } from '../../src/report/fileSet.js';

export function sweepManifest(over: Partial<SweepManifest> = {}): SweepManifest {
  return {
    tool: 'dkm-sim',
    kind: 'sweep',
    model: 'resnet50',
    batch: 1,
    hardware: { file: 'hardware/eyeriss.json', sha256: '0'.repeat(64) },
    engine: 'analytical',
    objective: 'energy',
    searchLimit: 256,
    weights: { source: 'synthetic', seed: 1 },
    axes: [
      { path: 'glb.capacityBytes', values: ['32KiB', '64KiB', '108KiB'] },
      { path: 'peArray', values: ['12x14', '16x16'] },
    ],
    energyUnit: 'MAC',
    area: true,
    objectives: ['energy', 'latency', 'area'],
    points: 6,
    ...over,
  };
}

export interface Values {
  readonly energy: number;
  readonly latencyMs: number;
  readonly areaMm2?: number;
  readonly ratio?: number;
}

/** A valid row; the energy parts are made up, only their total matters here. */
export function okRow(point: number, params: SweepRow['params'], v: Values): SweepRow {
  const e = v.energy;
  return {
    point,
    params,
    status: 'ok',
    totals: {
      macs: 1e9,
      cycles: v.latencyMs * 200_000,
      latencyMs: v.latencyMs,
      energyUnit: 'MAC',
      energy: { mac: e / 4, rf: e / 4, noc: e / 4, glb: e / 8, dram: e / 8, total: e },
      edp: e * v.latencyMs,
      peCount: 168,
      ...(v.areaMm2 !== undefined && {
        area: { totalMm2: v.areaMm2, peLogicMm2: 0, spadMm2: 0, glbMm2: v.areaMm2, nocMm2: 0, fixedMm2: 0 },
      }),
      ...(v.ratio !== undefined && { compressionRatio: { fixed: v.ratio, entropy: v.ratio, onChip: v.ratio } }),
    },
  };
}

export const invalidRow = (point: number, params: SweepRow['params'], reason: string): SweepRow => ({
  point,
  params,
  status: 'invalid',
  reason,
});

/** Indices of the rows no other row beats in every objective (<= everywhere, < somewhere): the definition. */
export function bruteFront(values: readonly (readonly number[])[]): number[] {
  return values.flatMap((p, i) =>
    values.some((q, j) => j !== i && q.every((v, k) => v <= p[k]) && q.some((v, k) => v < p[k])) ? [] : [i],
  );
}

/** A valid row's value of an objective, read straight from its totals. */
export const valueOf = (r: SweepRow, o: ParetoObjective): number =>
  ({ energy: r.totals!.energy.total, latency: r.totals!.latencyMs, area: r.totals!.area!.totalMm2, edp: r.totals!.edp })[o];

/** The files a sweep writes for these rows, written into a new temporary folder. */
export function writtenFiles(m: SweepManifest, rows: readonly SweepRow[]): { dir: string; files: Map<string, string> } {
  const files = sweepFiles(m, rows, sweepColumns(m));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-report-'));
  writeFileSet(dir, files);
  return { dir, files: new Map(files) };
}

const GLB = [32768, 65536, 110592];
const ARRAYS = ['12x14', '16x16'];
const gridParams = (i: number) => ({ 'glb.capacityBytes': GLB[Math.floor(i / 2)], peArray: ARRAYS[i % 2] });
export const TOO_SMALL = 'layer "CONV1" has no legal row-stationary mapping on this hardware: GLB tile needs 29701 words';

/**
 * The default manifest's six points (GLB x array), point 2 invalid. Energy-latency front: 4 (34G, 320 ms) and
 * 5 (34.5G, 280 ms); over all three objectives also 0 (the smallest) and 3.
 */
export const EXAMPLE_ROWS: readonly SweepRow[] = [
  okRow(0, gridParams(0), { energy: 40e9, latencyMs: 500, areaMm2: 9 }),
  okRow(1, gridParams(1), { energy: 38e9, latencyMs: 450, areaMm2: 13 }),
  invalidRow(2, gridParams(2), TOO_SMALL),
  okRow(3, gridParams(3), { energy: 35e9, latencyMs: 300, areaMm2: 14 }),
  okRow(4, gridParams(4), { energy: 34e9, latencyMs: 320, areaMm2: 12 }),
  okRow(5, gridParams(5), { energy: 34.5e9, latencyMs: 280, areaMm2: 16 }),
];
