// What one layer's search knows on one buffer size, whatever the energies and bandwidths: the pass shapes the
// buffer admits (each candidate with the largest t whose pass fits), grouped by pass tile, and for each pass
// tile its completions and their feature rows as the search asks for them.
import type { HardwareSpec } from '../hw/spec.js';
import { checkGlb } from '../mapping/legality.js';
import type { PassShape } from '../mapping/passShapes.js';
import { TILED_DIMS } from '../mapping/rsMapping.js';
import { tileLayer } from '../model/accessCounts.js';
import { writeFeatures } from '../model/evaluate.js';
import { FeatureRows } from '../model/features.js';
import type { Layer } from '../workload/layer.js';
import type { CandidateTable } from './candidates.js';
import { completedMapping, GLB_ORDER, tileCompletions, type Completion } from './completions.js';
import { searchContext, type SearchContext } from './searchContext.js';

/** Completion indices per pass shape stay below this (a key is position x this + index). */
const COMPLETION_STRIDE = 1 << 20;

export class Skeleton {
  readonly ctx: SearchContext;
  /** The chosen shapes in enumeration order: their candidate and t slot. */
  readonly candidate: Int32Array;
  readonly slot: Int32Array;
  readonly count: number;
  /** Positions of the chosen shapes per pass tile, pass tiles in first-seen order. */
  readonly groups: readonly (readonly number[])[];
  readonly groupOf: Int32Array;
  /** Why the first shape the buffer refused did not fit: the reason when no shape fits at all. */
  readonly firstFailure: string | null = null;
  readonly completionFeatures = new FeatureRows();
  private readonly completionLists = new Map<number, Completion[]>();
  private readonly completionRows = new Map<number, number>();

  constructor(
    private readonly layer: Layer,
    private readonly hw: HardwareSpec,
    readonly candidates: CandidateTable,
  ) {
    this.ctx = searchContext(layer, hw);
    const chosenCandidate: number[] = [];
    const chosenSlot: number[] = [];
    // Pass tiles numbered in the order their first admitted shape appears.
    const groupIds = new Int32Array(candidates.tileCount).fill(-1);
    const groups: number[][] = [];
    const groupOf: number[] = [];
    const limit = this.ctx.usableWords;
    for (let c = 0; c < candidates.count; c++) {
      for (let slot = candidates.tStart[c]; slot < candidates.tStart[c + 1]; slot++) {
        if (candidates.passWords(c, slot, this.ctx) > limit) {
          if (this.firstFailure === null) this.firstFailure = this.failure(candidates.shape(c, slot));
          continue;
        }
        const tile = candidates.tileOf[slot];
        if (groupIds[tile] < 0) groupIds[tile] = groups.push([]) - 1;
        const g = groupIds[tile];
        groups[g].push(chosenSlot.length);
        groupOf.push(g);
        chosenCandidate.push(c);
        chosenSlot.push(slot);
        break;
      }
    }
    this.candidate = Int32Array.from(chosenCandidate);
    this.slot = Int32Array.from(chosenSlot);
    this.count = chosenSlot.length;
    this.groups = groups;
    this.groupOf = Int32Array.from(groupOf);
  }

  shape(position: number): PassShape {
    return this.candidates.shape(this.candidate[position], this.slot[position]);
  }

  /** The feature row (in candidates.bounds) of the lower bound of the shape at `position`. */
  boundRow(position: number): number {
    return this.candidates.boundFeatures(this.candidate[position], this.slot[position], this.ctx);
  }

  /** The completions of the pass tile of the shape at `position` (found once per pass tile). */
  completions(position: number): Completion[] {
    const g = this.groupOf[position];
    let list = this.completionLists.get(g);
    if (!list) {
      list = tileCompletions(this.layer, this.shape(position), this.ctx);
      if (list.length >= COMPLETION_STRIDE) throw new Error(`internal: ${list.length} completions of one pass tile`);
      this.completionLists.set(g, list);
    }
    return list;
  }

  /** The feature row (in completionFeatures) of the shape at `position` under its i-th completion. */
  completionRow(position: number, i: number): number {
    const key = position * COMPLETION_STRIDE + i;
    let row = this.completionRows.get(key);
    if (row === undefined) {
      const c = this.completions(position)[i];
      const m = completedMapping(this.shape(position), c);
      row = this.completionFeatures.add((out, at) => writeFeatures(this.layer, this.hw, m, c.tiling, out, at));
      this.completionRows.set(key, row);
    }
    return row;
  }

  private failure(shape: PassShape): string | null {
    const onePass = { ...shape, glbFactor: { G: 1, N: 1, M: 1, C: 1, E: 1 }, dramOrder: TILED_DIMS, glbOrder: GLB_ORDER };
    return checkGlb(this.layer, this.hw, tileLayer(this.layer, onePass, this.ctx.strips));
  }
}
