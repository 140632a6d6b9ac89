// The simulator's event counters: the same shape as the analytical AccessCounts, filled as words move.
import type { PerDataType } from '../model/result.js';

export const perType = (): PerDataType => ({ ifmap: 0, filter: 0, psum: 0 });

export interface LevelCounters {
  readonly reads: PerDataType;
  readonly writes: PerDataType;
}

export interface Counters {
  macs: number;
  readonly dram: LevelCounters;
  readonly glb: LevelCounters;
  readonly noc: PerDataType;
  readonly rf: LevelCounters;
}

export function newCounters(): Counters {
  const level = () => ({ reads: perType(), writes: perType() });
  return { macs: 0, dram: level(), glb: level(), noc: perType(), rf: level() };
}
