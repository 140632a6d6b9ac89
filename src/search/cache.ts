// What mapping searches can share. A layer's pass-shape candidates and their bound counts depend only on the
// layer and the parts of the hardware that decide counts (array, scratchpads, word width, bypass, multicast,
// sharing support) and what may load ahead (double buffering, prefetch); the shapes a buffer admits and their
// completions also on the usable buffer size; nothing here depends on energies, bandwidths or the clock. A sweep that varies those re-costs stored counts instead
// of counting again, and every answer is the one a fresh search gives (the search code is the same).
import type { HardwareSpec } from '../hw/spec.js';
import { usableGlbWords } from '../hw/spec.js';
import type { Layer } from '../workload/layer.js';
import { peSharing } from '../workload/sharedRows.js';
import { CandidateTable } from './candidates.js';
import { Skeleton } from './skeleton.js';

/**
 * The hardware fields access counts, legality and what can load ahead depend on, buffer size aside (and
 * weightSharing.rowReuse, which matters only to layers decoded in the PEs: SearchCache adds it to their keys).
 */
export function countStructureKey(hw: HardwareSpec): string {
  const ws = hw.weightSharing;
  return JSON.stringify([
    hw.peArray.rows,
    hw.peArray.cols,
    hw.rf.ifmapWords,
    hw.rf.filterWords,
    hw.rf.psumWords,
    hw.wordBits,
    [...hw.glb.bypass].sort(),
    hw.noc.multicast,
    ws.codebookLocation,
    ws.codebookRfWords,
    ws.maxIndexBits,
    hw.glb.doubleBuffer,
    hw.prefetch.glb.ifmap,
    hw.prefetch.glb.filter,
    hw.prefetch.glb.psum,
    hw.prefetch.filterSpad,
  ]);
}

// Shared layers of one shape differ in their indices: each sharing record gets its own number.
const sharingIds = new WeakMap<object, number>();
let nextSharingId = 0;

function layerKey(l: Layer): string {
  let sharing = '';
  if (l.sharing) {
    let id = sharingIds.get(l.sharing);
    if (id === undefined) sharingIds.set(l.sharing, (id = nextSharingId++));
    sharing = `s${id}`;
  }
  return [l.kind, l.N, l.M, l.C, l.H, l.W, l.R, l.S, l.stride, l.padding, l.groups, sharing].join(',');
}

export class SearchCache {
  private readonly candidates = new Map<string, CandidateTable>();
  /** One buffer size per candidate table: a sweep walks its points buffer size by buffer size. */
  private readonly skeletons = new Map<string, { usableWords: number; skeleton: Skeleton }>();
  /** Keys of layers with shared weights (see forgetShared). */
  private readonly sharedKeys = new Set<string>();

  skeleton(layer: Layer, hw: HardwareSpec): Skeleton {
    // Row-level reuse changes the counts only of layers decoded in the PEs.
    const reuse = peSharing(layer) ? `|reuse ${hw.weightSharing.rowReuse}` : '';
    const key = `${layerKey(layer)}|${countStructureKey(hw)}${reuse}`;
    if (layer.sharing) this.sharedKeys.add(key);
    let table = this.candidates.get(key);
    if (!table) {
      table = new CandidateTable(layer, hw);
      this.candidates.set(key, table);
    }
    const usableWords = usableGlbWords(hw);
    const known = this.skeletons.get(key);
    if (known && known.usableWords === usableWords) return known.skeleton;
    const skeleton = new Skeleton(layer, hw, table);
    this.skeletons.set(key, { usableWords, skeleton });
    return skeleton;
  }

  /** Forgets everything (e.g. when a sweep moves to points with another array). */
  clear(): void {
    this.candidates.clear();
    this.skeletons.clear();
    this.sharedKeys.clear();
  }

  /**
   * Forgets the counts of layers with shared weights and keeps those of plain layers: a caller that is done
   * with one sharing (a validation point's layer) keeps what later searches of the same shapes can use.
   */
  forgetShared(): void {
    for (const key of this.sharedKeys) {
      this.candidates.delete(key);
      this.skeletons.delete(key);
    }
    this.sharedKeys.clear();
  }
}
