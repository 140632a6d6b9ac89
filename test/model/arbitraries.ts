// Shared test inputs: a hardware-spec builder, and fast-check generators of small layers, hardware specs and
// LEGAL row-stationary mappings (pass factors drawn inside the limits of legality.checkPass, GLB capacity grown
// until legality.checkGlb accepts the tiling).
import fc from 'fast-check';
import { SHARED_EXECUTIONS, type DataType, type HardwareSpec } from '../../src/hw/spec.js';
import { checkGlb, checkPass } from '../../src/mapping/legality.js';
import type { RsMapping, TiledDim } from '../../src/mapping/rsMapping.js';
import { tileLayer } from '../../src/model/accessCounts.js';
import { makeLayer, type Layer, type LayerShape } from '../../src/workload/layer.js';

export const TILED: readonly TiledDim[] = ['N', 'M', 'C', 'E'];

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };

export interface HwOptions {
  rows?: number;
  cols?: number;
  ifmapWords?: number;
  filterWords?: number;
  psumWords?: number;
  capacityBytes?: number;
  bypass?: readonly DataType[];
  doubleBuffer?: boolean;
  multicast?: boolean;
  banks?: number;
  wordsPerCyclePerBank?: number;
  nocWordsPerCycle?: number;
  dramWordsPerCycle?: number;
  wordBits?: number;
  clockMHz?: number;
  codebookLocation?: 'codebookRf' | 'filterSpad';
  codebookRfWords?: number;
  glbCodebookBytes?: number;
  /** prefetch.glb shares and prefetch.filterSpad (default: nothing is loaded ahead). */
  prefetchGlb?: Partial<HardwareSpec['prefetch']['glb']>;
  prefetchFilterSpad?: boolean;
  rowReuse?: boolean;
}

/** A plain HardwareSpec; defaults: generous spads and GLB, no bypass, multicast, ISCA'16 normalized energies. */
export function makeHw(o: HwOptions = {}): HardwareSpec {
  const rw = (x: number) => ({ read: x, write: x });
  const nocWpc = o.nocWordsPerCycle ?? 4;
  const spec: Mutable<HardwareSpec> = {
    name: 'test-hw',
    description: 'built by the tests',
    wordBits: o.wordBits ?? 16,
    clockMHz: o.clockMHz ?? 200,
    peArray: { rows: o.rows ?? 12, cols: o.cols ?? 14, macPipelineDepth: 1, accumulatorBits: 32 },
    rf: { ifmapWords: o.ifmapWords ?? 64, filterWords: o.filterWords ?? 1024, psumWords: o.psumWords ?? 64 },
    glb: {
      capacityBytes: o.capacityBytes ?? 1 << 24,
      banks: o.banks ?? 4,
      wordsPerCyclePerBank: o.wordsPerCyclePerBank ?? 4,
      bypass: [...(o.bypass ?? [])],
      doubleBuffer: o.doubleBuffer ?? false,
    },
    noc: { multicast: o.multicast ?? true, wordsPerCycle: { ifmap: nocWpc, filter: nocWpc, psum: nocWpc } },
    dram: { wordsPerCycle: o.dramWordsPerCycle ?? 1000 },
    prefetch: { glb: { ifmap: 0, filter: 0, psum: 0, ...o.prefetchGlb }, filterSpad: o.prefetchFilterSpad ?? false },
    weightSharing: {
      codebookLocation: o.codebookLocation ?? 'codebookRf',
      codebookRfWords: o.codebookRfWords ?? 1024,
      glbCodebookBytes: o.glbCodebookBytes ?? o.capacityBytes ?? 1 << 24,
      maxIndexBits: 32,
      executions: [...SHARED_EXECUTIONS],
      rowReuse: o.rowReuse ?? true,
    },
    energy: {
      unit: 'MAC',
      mac: 1,
      rf: { ifmap: rw(1), filter: rw(1), psum: rw(1) },
      nocTransfer: 2,
      glb: rw(6),
      dram: rw(200),
      codebookLookup: 1,
      psumAdd: 0.125,
    },
  };
  return spec;
}

export function mapping(
  pass: Partial<Pick<RsMapping, 'e' | 'r' | 't' | 'g' | 'p' | 'q' | 'n'>>,
  glbFactor: Partial<RsMapping['glbFactor']> = {},
  dramOrder: readonly TiledDim[] = TILED,
  glbOrder: readonly TiledDim[] = TILED,
): RsMapping {
  return {
    e: 1,
    r: 1,
    t: 1,
    g: 1,
    p: 1,
    q: 1,
    n: 1,
    ...pass,
    glbFactor: { G: 1, N: 1, M: 1, C: 1, E: 1, ...glbFactor },
    dramOrder,
    glbOrder,
  };
}

export const convLayer = (s: Partial<LayerShape> & Pick<LayerShape, 'C' | 'M' | 'H' | 'W' | 'R' | 'S'>, N = 1): Layer =>
  makeLayer({ name: 'hand', kind: 'conv', stride: 1, padding: 0, groups: 1, ...s }, N);

// ---------------------------------------------------------------------------------------------------------
// Random layers

/** Channel/group structures: dense, grouped (C and M multiples of groups), and depthwise (C = M = groups). */
const channelsArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ groups: fc.constant(1), C: fc.integer({ min: 1, max: 24 }), M: fc.integer({ min: 1, max: 24 }) }),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 24 }).map((g) => ({ groups: g, C: g, M: g })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ groups: fc.integer({ min: 2, max: 8 }), cm: fc.integer({ min: 1, max: 3 }), mm: fc.integer({ min: 1, max: 3 }) })
      .map(({ groups, cm, mm }) => ({ groups, C: groups * cm, M: groups * mm })),
  },
);

const spatialArb = fc
  .record({
    H: fc.integer({ min: 1, max: 20 }),
    W: fc.integer({ min: 1, max: 20 }),
    padding: fc.integer({ min: 0, max: 2 }),
    stride: fc.integer({ min: 1, max: 3 }),
  })
  .chain((s) =>
    fc
      .record({
        R: fc.integer({ min: 1, max: Math.min(5, s.H + 2 * s.padding) }),
        S: fc.integer({ min: 1, max: Math.min(5, s.W + 2 * s.padding) }),
      })
      .map((k) => ({ ...s, ...k })),
  );

export const layerArb: fc.Arbitrary<Layer> = fc
  .record({ N: fc.integer({ min: 1, max: 3 }), ch: channelsArb, sp: spatialArb })
  .map(({ N, ch, sp }) => makeLayer({ name: 'prop', kind: 'conv', ...ch, ...sp }, N));

// ---------------------------------------------------------------------------------------------------------
// Random hardware + legal mapping for a layer

export interface Scenario {
  readonly layer: Layer;
  readonly hw: HardwareSpec;
  readonly m: RsMapping;
}

/** lo + (u mod span): an index into [lo, hi] drawn from a raw natural, so dependent ranges need no chains. */
const pick = (u: number, lo: number, hi: number): number => lo + (u % (hi - lo + 1));

const energyArb = fc.integer({ min: 1, max: 4000 }).map((x) => x / 20);
const rwArb = fc.record({ read: energyArb, write: energyArb });

const bypassArb: fc.Arbitrary<DataType[]> = fc.oneof(
  fc.constant<DataType[]>([]),
  fc.constant<DataType[]>(['filter']),
  fc.constant<DataType[]>(['psum']),
  fc.constant<DataType[]>(['ifmap']),
  fc.subarray<DataType>(['ifmap', 'filter', 'psum']),
);

export interface ScenarioOptions {
  /** Allow glbFactor.G > 1 (several groups per GLB tile). Default true. */
  readonly groupGlbFactor?: boolean;
  /** Draw only a GLB big enough for the whole layer and glbFactors that make one GLB tile. */
  readonly oneGlbTile?: boolean;
}

export function scenarioArb(opts: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  return layerArb.chain((layer) =>
    fc
      .record({
        rowsExtra: fc.integer({ min: 0, max: 12 }),
        cols: fc.integer({ min: 1, max: 16 }),
        ifmapMul: fc.integer({ min: 1, max: 4 }),
        filterMul: fc.integer({ min: 1, max: 24 }),
        psumWords: fc.integer({ min: 1, max: 24 }),
        bypass: bypassArb,
        multicast: fc.boolean(),
        doubleBuffer: fc.boolean(),
        wordBits: fc.constantFrom(8, 16, 32),
        logCapacity: fc.integer({ min: 5, max: 21 }),
        banks: fc.integer({ min: 1, max: 32 }),
        wpcBank: fc.integer({ min: 1, max: 40 }).map((x) => x / 10),
        nocWpc: fc.record({
          ifmap: fc.integer({ min: 1, max: 80 }),
          filter: fc.integer({ min: 1, max: 80 }),
          psum: fc.integer({ min: 1, max: 80 }),
        }),
        dramWpc: fc.integer({ min: 1, max: 80 }).map((x) => x / 10),
        clockMHz: fc.integer({ min: 50, max: 1000 }),
        energy: fc.record({
          mac: energyArb,
          rf: fc.record({ ifmap: rwArb, filter: rwArb, psum: rwArb }),
          nocTransfer: energyArb,
          glb: rwArb,
          dram: rwArb,
          codebookLookup: energyArb,
          psumAdd: energyArb,
        }),
        u: fc.array(fc.nat({ max: 1 << 20 }), { minLength: 8, maxLength: 8 }),
        glbFactor: fc.record({
          G: opts.groupGlbFactor === false ? fc.constant(1) : fc.integer({ min: 1, max: 3 }),
          N: fc.integer({ min: 1, max: 4 }),
          M: fc.integer({ min: 1, max: 5 }),
          C: fc.integer({ min: 1, max: 5 }),
          E: fc.integer({ min: 1, max: 6 }),
        }),
        dramOrder: fc.shuffledSubarray([...TILED], { minLength: 4, maxLength: 4 }),
        glbOrder: fc.shuffledSubarray([...TILED], { minLength: 4, maxLength: 4 }),
        // Thirds of the free GLB words for each type's next tile (as far as the rules between fields allow).
        prefetchThirds: fc.record({
          ifmap: fc.integer({ min: 0, max: 3 }),
          filter: fc.integer({ min: 0, max: 3 }),
          psum: fc.integer({ min: 0, max: 3 }),
        }),
        prefetchFilterSpad: fc.boolean(),
      })
      .map((d): Scenario => {
        const G = layer.groups;
        const Mg = layer.M / G;
        const Cg = layer.C / G;
        const rows = layer.R + d.rowsExtra;
        const hw0 = makeHw({
          rows,
          cols: d.cols,
          ifmapWords: layer.S * d.ifmapMul,
          filterWords: layer.S * d.filterMul,
          psumWords: d.psumWords,
          bypass: d.bypass,
          multicast: d.multicast,
          doubleBuffer: d.doubleBuffer,
          wordBits: d.wordBits,
          capacityBytes: opts.oneGlbTile ? 1 << 26 : 2 ** d.logCapacity,
          banks: d.banks,
          wordsPerCyclePerBank: d.wpcBank,
          dramWordsPerCycle: d.dramWpc,
          clockMHz: d.clockMHz,
          prefetchGlb: prefetchShares(d.prefetchThirds, d.bypass, d.doubleBuffer),
          prefetchFilterSpad: d.prefetchFilterSpad,
        });
        const hw: HardwareSpec = {
          ...hw0,
          noc: { ...hw0.noc, wordsPerCycle: d.nocWpc },
          energy: { unit: 'pJ', ...d.energy },
        };
        // Pass factors within checkPass: e columns, r channel chains of R rows, g*t sets, spad limits.
        const [u0, u1, u2, u3, u4, u5, u6] = d.u;
        const e = pick(u0, 1, Math.min(d.cols, layer.E));
        const vertical = Math.floor(rows / layer.R);
        const horizontal = Math.floor(d.cols / e);
        const r = pick(u1, 1, vertical);
        const sets = Math.floor(vertical / r) * horizontal;
        const g = pick(u2, 1, Math.min(G, sets));
        const t = pick(u3, 1, Math.floor(sets / g));
        const q = pick(u4, 1, Math.min(Cg, d.ifmapMul, d.filterMul));
        const p = pick(u5, 1, Math.min(Mg, d.psumWords, Math.floor(hw.rf.filterWords / (q * layer.S))));
        const n = pick(u6, 1, layer.N);
        const glbFactor = opts.oneGlbTile ? { G: G, N: 64, M: 64, C: 64, E: 64 } : d.glbFactor;
        const m: RsMapping = { e, r, t, g, p, q, n, glbFactor, dramOrder: d.dramOrder, glbOrder: d.glbOrder };
        // Grow the GLB until the tiling fits (the draw starts small so that tight buffers are common).
        let spec = hw;
        const tl = tileLayer(layer, m);
        while (checkGlb(layer, spec, tl) !== null) {
          spec = { ...spec, glb: { ...spec.glb, capacityBytes: spec.glb.capacityBytes * 2 } };
        }
        if (checkPass(layer, spec, m) !== null) {
          throw new Error(`generator bug: ${checkPass(layer, spec, m)} for ${JSON.stringify({ layer, m })}`);
        }
        return { layer, hw: spec, m };
      }),
  );
}

/** Shares from thirds, in type order, as the hardware file allows them: none beside a double buffer or for a bypassed type, at most 1 in all. */
export function prefetchShares(
  thirds: { readonly [T in DataType]: number },
  bypass: readonly DataType[],
  doubleBuffer: boolean,
): HardwareSpec['prefetch']['glb'] {
  const shares = { ifmap: 0, filter: 0, psum: 0 };
  let left = 3;
  for (const t of ['ifmap', 'filter', 'psum'] as const) {
    const take = doubleBuffer || bypass.includes(t) ? 0 : Math.min(thirds[t], left);
    shares[t] = take / 3;
    left -= take;
  }
  return shares;
}

/** A compact description of a scenario for failure messages. */
export const describeScenario = (s: Scenario): string =>
  JSON.stringify({
    layer: s.layer,
    m: s.m,
    hw: {
      array: s.hw.peArray,
      rf: s.hw.rf,
      glb: s.hw.glb,
      multicast: s.hw.noc.multicast,
      wordBits: s.hw.wordBits,
      prefetch: s.hw.prefetch,
    },
  });
