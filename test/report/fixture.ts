// Synthetic RunSummary values for the report tests: three hand-picked layers (also as a cycle-engine run with
// simulation blocks), and a long generated network.
import type {
  CycleBound,
  EnergyBreakdown,
  LayerResult,
  LevelCounts,
  PerDataType,
  RunSummary,
  SimulationSummary,
} from '../../src/model/result.js';

const per = (ifmap: number, filter: number, psum: number): PerDataType => ({ ifmap, filter, psum });
const add = (a: PerDataType, b: PerDataType): PerDataType => per(a.ifmap + b.ifmap, a.filter + b.filter, a.psum + b.psum);
const level = (reads: PerDataType, writes: PerDataType): LevelCounts => ({ reads, writes });

function energy(mac: number, rf: number, noc: number, glb: number, dram: number): EnergyBreakdown {
  return { mac, rf, noc, glb, dram, total: mac + rf + noc + glb + dram };
}

interface LayerSpec {
  name: string;
  kind: 'conv' | 'fc';
  shape: string;
  macs: number;
  mapping: string;
  activePEs: number;
  cycles: number;
  bound: CycleBound;
  energy: EnergyBreakdown;
  /** Reads per level; writes are a fixed fraction so reads + writes stay integers. */
  reads: { dram: PerDataType; glb: PerDataType; rf: PerDataType };
  noc: PerDataType;
}

const PE_COUNT = 168;

function layer(s: LayerSpec): LayerResult {
  const writes = (p: PerDataType): PerDataType => per(0, 0, p.psum);
  const detail = {
    macs: s.macs,
    dram: level(s.reads.dram, writes(s.reads.dram)),
    glb: level(s.reads.glb, writes(s.reads.glb)),
    noc: s.noc,
    rf: level(s.reads.rf, writes(s.reads.rf)),
  };
  const both = (l: LevelCounts): PerDataType => add(l.reads, l.writes);
  return {
    name: s.name,
    kind: s.kind,
    shape: s.shape,
    macs: s.macs,
    mapping: s.mapping,
    activePEs: s.activePEs,
    utilization: s.macs / (s.cycles * PE_COUNT),
    cycles: s.cycles,
    cycleBound: s.bound,
    cycleDetail: {
      computeCycles: s.cycles,
      dramCycles: s.cycles / 2,
      glbCycles: s.cycles / 4,
      nocCycles: s.cycles / 8,
      nocCyclesByType: per(s.cycles / 8, s.cycles / 16, s.cycles / 32),
      fetchWaitCycles: 0,
      exposedFillCycles: 0,
      cycles: s.cycles,
      bound: s.bound,
    },
    energy: s.energy,
    accesses: { dram: both(detail.dram), glb: both(detail.glb), noc: { ...s.noc }, rf: both(detail.rf) },
    accessDetail: detail,
  };
}

export function summaryOf(layers: readonly LayerResult[], over: Partial<RunSummary> = {}): RunSummary {
  const sumE = (k: keyof EnergyBreakdown): number => layers.reduce((a, l) => a + l.energy[k], 0);
  const sumA = (k: 'dram' | 'glb' | 'noc' | 'rf'): PerDataType => layers.reduce((a, l) => add(a, l.accesses[k]), per(0, 0, 0));
  const cycles = layers.reduce((a, l) => a + l.cycles, 0);
  const clockMHz = 200;
  return {
    tool: 'dkm-sim 0.1.0',
    model: 'tinynet',
    batch: 4,
    engine: 'analytical',
    objective: 'energy',
    hardware: { name: 'eyeriss', file: 'hardware/eyeriss.json', clockMHz, peCount: PE_COUNT },
    energyUnit: 'pJ',
    layers,
    totals: {
      macs: layers.reduce((a, l) => a + l.macs, 0),
      cycles,
      latencyMs: cycles / (clockMHz * 1e3),
      energy: { mac: sumE('mac'), rf: sumE('rf'), noc: sumE('noc'), glb: sumE('glb'), dram: sumE('dram'), total: sumE('total') },
      accesses: { dram: sumA('dram'), glb: sumA('glb'), noc: sumA('noc'), rf: sumA('rf') },
    },
    ...over,
  };
}

export const FIXTURE_LAYERS: readonly LayerResult[] = [
  layer({
    name: 'conv1',
    kind: 'conv',
    shape: 'N4 C3 H227 W227 M96 R11 S11 /4',
    macs: 421_632_000,
    mapping: 'e55 r1 t1 p16 q1 n1 | GLB m96 n1 | DRAM n4',
    activePEs: 165,
    cycles: 3_000_000,
    bound: 'compute',
    energy: energy(421_632_000, 1_200_000_000, 300_000_000, 150_000_000, 900_000_000),
    reads: { dram: per(600_000, 140_000, 0), glb: per(2_000_000, 140_000, 50_000), rf: per(421_632_000, 421_632_000, 400_000_000) },
    noc: per(3_000_000, 400_000, 100_000),
  }),
  layer({
    name: 'conv2, grouped',
    kind: 'conv',
    shape: 'N4 C96 H31 W31 M256 R5 S5 g2',
    macs: 1_791_590_400,
    mapping: 'e27 r1 t1 p16 q2 n1 | GLB m64 c48 n1 p2 | DRAM m4 n4 with a very long tail that the table must shorten',
    activePEs: 135,
    cycles: 12_000_000,
    bound: 'dram',
    energy: energy(1_791_590_400, 5_000_000_000, 0, 600_000_000, 2_500_000_000),
    reads: {
      dram: per(1_500_000, 614_400, 100_000),
      glb: per(8_000_000, 614_400, 400_000),
      rf: per(1_791_590_400, 1_791_590_400, 1_700_000_000),
    },
    noc: per(0, 0, 0),
  }),
  layer({
    name: 'fc8',
    kind: 'fc',
    shape: 'N4 C4096 M1000',
    macs: 16_384_000,
    mapping: 'e1 r1 t4 p4 q8 n4 | GLB m250 | DRAM m4',
    activePEs: 128,
    cycles: 2_000_000,
    bound: 'dram',
    energy: energy(16_384_000, 50_000_000, 10_000_000, 40_000_000, 3_300_000_000),
    reads: { dram: per(16_384, 4_096_000, 0), glb: per(16_384, 4_096_000, 4_000), rf: per(16_384_000, 16_384_000, 16_000_000) },
    noc: per(16_384, 4_096_000, 4_000),
  }),
];

export const fixtureSummary = (over: Partial<RunSummary> = {}): RunSummary => summaryOf(FIXTURE_LAYERS, over);

/** `n` layers with deterministic, varied figures and some long names, like a ResNet-50 or GoogLeNet run. */
export function longSummary(n: number): RunSummary {
  const layers: LayerResult[] = [];
  for (let i = 0; i < n; i++) {
    const w = 1 + ((i * 37) % 11); // 1..11, a repeatable zig-zag
    const name =
      i % 9 === 4
        ? `inception_${3 + (i % 3)}${'abcde'[i % 5]}/double_3x3_reduce_branch${i}`
        : `res${2 + Math.floor(i / 12)}${'abcdef'[i % 6]}_branch2${'abc'[i % 3]}`;
    layers.push(
      layer({
        name,
        kind: i === n - 1 ? 'fc' : 'conv',
        shape: `N1 C${64 * w} H28 W28 M${64 * w} R3 S3`,
        macs: w * 57_802_752,
        mapping: `e14 r1 t${w} p8 q2 n1 | GLB m${16 * w} | DRAM c${w}`,
        activePEs: 42 + 10 * w,
        cycles: w * 500_000,
        bound: i % 4 === 0 ? 'dram' : 'compute',
        energy: energy(w * 57_802_752, w * 200_000_000, ((i * 13) % 7) * 20_000_000, w * 30_000_000, (1 + ((i * 5) % 13)) * 90_000_000),
        reads: {
          dram: per(1000 * w, 2000 * w, 0),
          glb: per(5000 * w, 2000 * w, 100 * w),
          rf: per(w * 57_802_752, w * 57_802_752, w * 50_000_000),
        },
        noc: per(5000 * w, 2000 * w, 100 * w),
      }),
    );
  }
  return summaryOf(layers, {
    model: 'resnet50-like',
    batch: 1,
    hardware: { name: 'eyeriss-45nm', file: 'hardware/eyeriss-45nm.json', clockMHz: 250, peCount: PE_COUNT },
  });
}

/** What the simulator reports for each FIXTURE_LAYERS entry, in order: figures chosen to be easy to check by hand. */
export const FIXTURE_SIMULATIONS: readonly SimulationSummary[] = [
  // conv1: stalls 12% DRAM, 3% GLB of 3.3M cycles.
  simulation(3_300_000, 3_000_000, 12, { dram: 396_000, glb: 99_000, noc: 0, psumDrain: 0 }),
  // conv2: a fractional DRAM stall (12.5% -> "13%") and a NoC stall under 1%.
  simulation(12_000_000, 11_500_000, 48, { dram: 1_500_000.5, glb: 0, noc: 30_000, psumDrain: 0 }),
  // fc8: never waited.
  simulation(2_000_000, 2_000_000, 4, { dram: 0, glb: 0, noc: 0, psumDrain: 0 }),
];

function simulation(
  cycles: number,
  analyticalCycles: number,
  passes: number,
  stallCycles: SimulationSummary['stallCycles'],
): SimulationSummary {
  return {
    cycles,
    utilization: 0, // filled in by withSimulation from the layer's MACs
    passes,
    stallCycles,
    busyCycles: {
      dram: cycles / 2,
      glb: cycles / 3,
      ifmapBus: cycles / 5,
      filterBus: cycles / 7,
      psumBus: cycles / 4,
      array: cycles - stallCycles.dram,
    },
    analyticalCycles,
  };
}

/** The layer as engine 'cycle' reports it: cycles and utilization are the simulated ones. */
export function withSimulation(l: LayerResult, sim: SimulationSummary): LayerResult {
  const utilization = l.macs / (sim.cycles * PE_COUNT);
  return { ...l, cycles: sim.cycles, utilization, simulation: { ...sim, utilization } };
}

export const CYCLE_LAYERS: readonly LayerResult[] = FIXTURE_LAYERS.map((l, i) => withSimulation(l, FIXTURE_SIMULATIONS[i]));

export const cycleSummary = (over: Partial<RunSummary> = {}): RunSummary => summaryOf(CYCLE_LAYERS, { engine: 'cycle', ...over });
