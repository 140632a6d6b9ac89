// Plain result records shared by the analytical model, the cycle-level simulator and the reports.
import type { DataType, SharedExecutionName } from '../hw/spec.js';
import type { AreaBreakdown } from '../hw/area.js';

export type PerDataType = { [T in DataType]: number };

export interface LevelCounts {
  readonly reads: PerDataType;
  readonly writes: PerDataType;
}

/** Word accesses of one layer on one mapping, by storage level and data type. */
export interface AccessCounts {
  readonly macs: number;
  readonly dram: LevelCounts;
  readonly glb: LevelCounts;
  /** Words carried by the on-chip networks, counted once per receiving PE (or per PE->GLB write). */
  readonly noc: PerDataType;
  readonly rf: LevelCounts;
  /** Shared layers only: weights read through a codebook, and reused 1-D conv outputs added into psums. */
  readonly sharing?: { readonly codebookLookups: number; readonly psumAdds: number };
}

export const ENERGY_PARTS = ['mac', 'rf', 'noc', 'glb', 'dram'] as const;
export type EnergyPart = (typeof ENERGY_PARTS)[number];
export type EnergyBreakdown = { readonly [P in EnergyPart | 'total']: number };

export type CycleBound = 'compute' | 'dram' | 'glb' | 'noc';

export interface CycleEstimate {
  readonly computeCycles: number;
  readonly dramCycles: number;
  readonly glbCycles: number;
  /** The slowest bus; per bus: ifmap and filter multicast buses, psum to and from the GLB. */
  readonly nocCycles: number;
  readonly nocCyclesByType: PerDataType;
  /** Cycles the passes that fetch filter rows wait for their streams beyond their compute. */
  readonly fetchWaitCycles: number;
  /** Cycles the array waits while GLB fills that cannot load ahead move. */
  readonly exposedFillCycles: number;
  /** The estimate: the largest of the bandwidth bounds and compute + the waits above (a lower bound of the simulation). */
  readonly cycles: number;
  readonly bound: CycleBound;
}

/** What the cycle-level simulator adds to a layer (engine 'cycle'). */
export interface SimulationSummary {
  readonly cycles: number;
  readonly utilization: number;
  readonly passes: number;
  /** Cycles the PE array waited, by the resource that held it back. */
  readonly stallCycles: { readonly dram: number; readonly glb: number; readonly noc: number; readonly psumDrain: number };
  /** Cycles each resource was busy. */
  readonly busyCycles: { readonly [R in 'dram' | 'glb' | 'ifmapBus' | 'filterBus' | 'psumBus' | 'array']: number };
  /** The analytical estimate of the same mapping, for comparison. */
  readonly analyticalCycles: number;
  /**
   * Present when the mapping was chosen by simulating the best `candidates` of the analytical ranking (--refine):
   * the rank of the one kept (0: the analytical choice) and the simulated cycles of that first one.
   */
  readonly refinement?: { readonly candidates: number; readonly chosenRank: number; readonly unrefinedCycles: number };
}

export interface LayerResult {
  readonly name: string;
  readonly kind: 'conv' | 'fc';
  readonly shape: string;
  readonly macs: number;
  /** Compact human-readable mapping, e.g. "e7 r1 t2 p16 q1 n1 | GLB ... | DRAM ...". */
  readonly mapping: string;
  readonly activePEs: number;
  /** MACs / (cycles x all PEs of the array). */
  readonly utilization: number;
  readonly cycles: number;
  readonly cycleBound: CycleBound;
  readonly cycleDetail: CycleEstimate;
  readonly energy: EnergyBreakdown;
  /** Reads + writes per level and data type (NoC: transfers). */
  readonly accesses: { readonly [L in 'dram' | 'glb' | 'noc' | 'rf']: PerDataType };
  readonly accessDetail: AccessCounts;
  /** Shared layers: how the layer runs on the chip (see SHARED_EXECUTIONS), chosen by the mapping search. */
  readonly execution?: SharedExecutionName;
  /** Present with engine 'cycle': cycles and utilization above are then the simulated ones. */
  readonly simulation?: SimulationSummary;
}

export interface RunSummary {
  readonly tool: string;
  readonly model: string;
  readonly batch: number;
  readonly engine: 'analytical' | 'cycle';
  readonly objective: 'energy' | 'latency' | 'edp';
  readonly hardware: {
    readonly name: string;
    readonly file: string;
    readonly clockMHz: number;
    readonly peCount: number;
    /** The chip's area by part (hardwareArea); only when the hardware file has an `area` section. */
    readonly area?: AreaBreakdown;
  };
  /** Unit of every energy figure: 'pJ', or 'MAC' for tables normalized to one MAC. */
  readonly energyUnit: 'pJ' | 'MAC';
  readonly layers: readonly LayerResult[];
  readonly totals: {
    readonly macs: number;
    readonly cycles: number;
    readonly latencyMs: number;
    readonly energy: EnergyBreakdown;
    readonly accesses: { readonly [L in 'dram' | 'glb' | 'noc' | 'rf']: PerDataType };
  };
}
