// Plain data the cycle-level simulator exchanges with its data path, its reports and its callers.
import type { AccessCounts, PerDataType } from '../model/result.js';

/** A half-open index range [start, start + count) along one layer dimension. */
export interface Span {
  readonly start: number;
  readonly count: number;
}

/** What one processing pass covers; M and C spans are within the group. */
export interface PassRanges {
  readonly G: Span;
  readonly N: Span;
  readonly M: Span;
  readonly C: Span;
  readonly E: Span;
}

/** The work of one physical PE in one pass (the RS primitive over its filter and channel slices). */
export interface PeWork {
  /** Physical position in the array. */
  readonly row: number;
  readonly col: number;
  readonly group: number;
  /** Filter row i of the set (0..R-1) and ofmap row handled by this PE's column. */
  readonly filterRow: number;
  readonly ofmapRow: number;
  /** Ifmap row (e * stride + filterRow - padding); outside [0, H) it is padding. */
  readonly ifmapRow: number;
  readonly filters: Span;
  readonly channels: Span;
  /** Position in the psum chain of its column, 0 = bottom (receives from the GLB), chainLength-1 = top. */
  readonly chainIndex: number;
  readonly chainLength: number;
}

export interface PassPlan {
  readonly index: number;
  readonly ranges: PassRanges;
  readonly pes: readonly PeWork[];
  /** True when earlier passes already produced partial sums of this pass's outputs. */
  readonly accumulates: boolean;
}

export const STALL_CAUSES = ['dram', 'glb', 'noc', 'psumDrain'] as const;
export type StallCause = (typeof STALL_CAUSES)[number];

export const SIM_RESOURCES = ['dram', 'glb', 'ifmapBus', 'filterBus', 'psumBus', 'array'] as const;
export type SimResource = (typeof SIM_RESOURCES)[number];

export type Intervals = readonly (readonly [number, number])[];

/** Busy intervals [start, end) in cycles per resource, for timeline plots. */
export type Timeline = { readonly [R in SimResource]: Intervals } & {
  /** The parts of the array's busy intervals where its pass's PEs were done and an operand was still arriving. */
  readonly arrayWaits: Intervals;
};

export interface SimStats {
  readonly cycles: number;
  readonly latencyMs: number;
  /** MACs / (cycles x all PEs). */
  readonly utilization: number;
  readonly passes: number;
  /** Cycles the array waited for data, by the resource that held it back. */
  readonly stallCycles: { readonly [C in StallCause]: number };
  /** Cycles each resource was busy. */
  readonly busyCycles: { readonly [R in SimResource]: number };
  /** What was loaded ahead (hw.prefetch), and the most buffer words in use with it. */
  readonly prefetch: SimPrefetch;
}

export interface SimPrefetch {
  /** Words of GLB tiles loaded while the tiles before them were in use, per data type. */
  readonly glbWords: PerDataType;
  /** The most words the GLB held: its tiles and a resident codebook, plus the parts of next tiles loaded ahead. */
  readonly glbPeakWords: number;
  /** Filter words (as they leave their source) loaded into the spads during earlier passes. */
  readonly filterWords: number;
  /** The most words one PE's filter spad and codebook RF held with rows loaded ahead (0 when none were). */
  readonly filterSpadPeakWords: number;
  readonly codebookRfPeakWords: number;
}

export interface SimResult {
  readonly counts: AccessCounts;
  readonly stats: SimStats;
  readonly timeline?: Timeline;
}
