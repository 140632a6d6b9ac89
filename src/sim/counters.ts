// The simulator's event counters: the same shape as the analytical AccessCounts, filled as words move.
import type { AccessCounts, PerDataType } from '../model/result.js';
import type { Layer } from '../workload/layer.js';
import { indexWords } from '../workload/sharedRows.js';
import type { Payload } from './filterSupply.js';

export const perType = (): PerDataType => ({ ifmap: 0, filter: 0, psum: 0 });

export interface LevelCounters {
  readonly reads: PerDataType;
  readonly writes: PerDataType;
}

export interface WordCounters {
  readonly dram: LevelCounters;
  readonly glb: LevelCounters;
  readonly noc: PerDataType;
  readonly rf: LevelCounters;
}

export interface Counters extends WordCounters {
  macs: number;
  /** Shared layers: weights read through a codebook, and reused 1-D conv outputs added into psums. */
  codebookLookups: number;
  psumAdds: number;
  /**
   * Shared layers: indices moved, where `WordCounters` has words. They are packed (indexBits each) into
   * words only in `accessCounts`, so the sums are integers and the one conversion rounds like the model's.
   */
  readonly indexRows: WordCounters;
}

function wordCounters(): WordCounters {
  const level = () => ({ reads: perType(), writes: perType() });
  return { dram: level(), glb: level(), noc: perType(), rf: level() };
}

export function newCounters(): Counters {
  return { ...wordCounters(), macs: 0, codebookLookups: 0, psumAdds: 0, indexRows: wordCounters() };
}

/** Adds a filter stream where `at` points, in words and in index rows. */
export function addFilter(counts: Counters, at: (c: WordCounters) => PerDataType, s: Payload): void {
  at(counts).filter += s.words;
  at(counts.indexRows).filter += s.indexRows;
}

/** The counters as AccessCounts: index rows packed into words; `sharing` present exactly for shared layers. */
export function accessCounts(c: Counters, layer: Layer, wordBits: number): AccessCounts {
  const sharing = layer.sharing;
  const plain = (w: PerDataType): PerDataType => ({ ...w });
  if (!sharing) {
    const level = (l: LevelCounters) => ({ reads: plain(l.reads), writes: plain(l.writes) });
    return { macs: c.macs, dram: level(c.dram), glb: level(c.glb), noc: plain(c.noc), rf: level(c.rf) };
  }
  const pack = (w: PerDataType, rows: PerDataType): PerDataType => ({
    ifmap: w.ifmap,
    filter: w.filter + indexWords(rows.filter, sharing.indexBits, wordBits),
    psum: w.psum,
  });
  const level = (w: LevelCounters, rows: LevelCounters) => ({ reads: pack(w.reads, rows.reads), writes: pack(w.writes, rows.writes) });
  const ix = c.indexRows;
  return {
    macs: c.macs,
    dram: level(c.dram, ix.dram),
    glb: level(c.glb, ix.glb),
    noc: pack(c.noc, ix.noc),
    rf: level(c.rf, ix.rf),
    sharing: { codebookLookups: c.codebookLookups, psumAdds: c.psumAdds },
  };
}
