// The PE array during one pass: what every PE computes and receives, summed over the array.
import type { HardwareSpec } from '../hw/spec.js';
import type { Layer } from '../workload/layer.js';
import { indexWords } from '../workload/sharedRows.js';
import type { PeRows, PeRowTable } from './peRows.js';
import type { PassPlan, PeWork } from './types.js';

export interface PassWork {
  readonly macs: number;
  /** The busiest PE's cycles (one MAC or one psum addition per cycle): the pass's compute time. */
  readonly macCycles: number;
  /** Ifmap words received, counted per receiving PE (padding rows receive nothing). */
  readonly ifmapDeliveries: number;
  /** Psum words passed up to the PE above (every PE but a chain's top one). */
  readonly psumHops: number;
  /**
   * Psum spad accesses of the pass's PEs: a read and a write per MAC and per psum addition (read-modify-write),
   * a read per psum a PE sends on (up its column, or out of the array from the top), a write per psum it
   * receives from the PE below. `psumResumeWrites`: the writes of the chains' bottom PEs when the pass resumes
   * partial sums from the buffer (the engine adds them to such passes).
   */
  readonly psumSpadReads: number;
  readonly psumSpadWrites: number;
  readonly psumResumeWrites: number;
  /** Filter spad reads: a weight per MAC, or in a shared layer an index per row, image and ofmap row. */
  readonly filterSpadReads: number;
  /** Shared layers: reused 1-D conv outputs added into psums (F per reused row), weights read via codebooks. */
  readonly psumAdds: number;
  readonly codebookLookups: number;
}

/**
 * `realCols`: real ifmap columns one PE row reads (the rest of its window is padding). `table`: the PE
 * row statistics of a shared layer (null for an unshared one).
 */
export function passWork(layer: Layer, hw: HardwareSpec, plan: PassPlan, realCols: number, table: PeRowTable | null): PassWork {
  const { F, S } = layer;
  const images = plan.ranges.N.count;
  let macs = 0;
  let macCycles = 0;
  let ifmapDeliveries = 0;
  let psumHops = 0;
  let filterSpadReads = 0;
  let psumAdds = 0;
  let psumSpadReads = 0;
  let psumSpadWrites = 0;
  let psumResumeWrites = 0;
  for (const pe of plan.pes) {
    const filters = pe.filters.count;
    const channels = pe.channels.count;
    let peMacs = images * filters * channels * F * S;
    let peAdds = 0;
    if (table) {
      // Per channel, filters naming the same centroid share one 1-D conv and the others get its F outputs
      // added; without row-level reuse every row runs its own.
      const rows = table.of(pe.group, pe.filters, pe.channels, pe.filterRow);
      checkSharedSpads(layer, hw, pe, rows);
      const convs = hw.weightSharing.rowReuse ? rows.convs : rows.rows;
      peMacs = images * convs * F * S;
      peAdds = images * (rows.rows - convs) * F;
      filterSpadReads += images * rows.rows;
    } else {
      checkSpads(layer, hw, filters, channels);
      filterSpadReads += peMacs;
    }
    macs += peMacs;
    psumAdds += peAdds;
    macCycles = Math.max(macCycles, peMacs + peAdds);
    if (pe.ifmapRow >= 0 && pe.ifmapRow < layer.H) ifmapDeliveries += images * channels * realCols;
    // One psum per filter, ofmap column and image: each PE sends its own on once, and receives the chain's below.
    const psums = images * filters * F;
    if (pe.chainIndex < pe.chainLength - 1) psumHops += psums;
    psumSpadReads += peMacs + peAdds + psums;
    psumSpadWrites += peMacs + peAdds + (pe.chainIndex > 0 ? psums : 0);
    if (pe.chainIndex === 0) psumResumeWrites += psums;
  }
  return {
    macs,
    macCycles,
    ifmapDeliveries,
    psumHops,
    psumSpadReads,
    psumSpadWrites,
    psumResumeWrites,
    filterSpadReads,
    psumAdds,
    codebookLookups: table ? macs : 0,
  };
}

/** A PE's spads must hold its filter rows, its ifmap window and one psum per filter. */
function checkSpads(layer: Layer, hw: HardwareSpec, filters: number, channels: number): void {
  const { rf } = hw;
  if (filters * channels * layer.S > rf.filterWords || channels * layer.S > rf.ifmapWords || filters > rf.psumWords) {
    throw new Error(
      `spad overflow in layer "${layer.name}": ${filters} filters x ${channels} channels x S=${layer.S} on spads ${rf.filterWords}/${rf.ifmapWords}/${rf.psumWords}`,
    );
  }
}

/**
 * A shared layer's PE keeps its rows' indices packed in the filter spad and the centroids they name in
 * its codebook RF, or beside the indices in the filter spad (hw.weightSharing.codebookLocation).
 */
function checkSharedSpads(layer: Layer, hw: HardwareSpec, pe: PeWork, rows: PeRows): void {
  const { rf, weightSharing: ws } = hw;
  const { indexBits } = layer.sharing!;
  const at = `in layer "${layer.name}", PE (${pe.row}, ${pe.col})`;
  if (indexBits > ws.maxIndexBits) throw new Error(`index overflow ${at}: ${indexBits}-bit indices, the PEs decode ${ws.maxIndexBits}`);
  const indexSpad = Math.ceil(indexWords(rows.rows, indexBits, hw.wordBits));
  const codebook = rows.codebookRows * layer.S;
  const inFilterSpad = indexSpad + (ws.codebookLocation === 'filterSpad' ? codebook : 0);
  const inCodebookRf = ws.codebookLocation === 'codebookRf' ? codebook : 0;
  const channels = pe.channels.count;
  if (
    inFilterSpad > rf.filterWords ||
    inCodebookRf > ws.codebookRfWords ||
    channels * layer.S > rf.ifmapWords ||
    pe.filters.count > rf.psumWords
  ) {
    throw new Error(
      `spad overflow ${at}: ${rows.rows} indices (${indexSpad} words) and ${rows.codebookRows} centroids of S=${layer.S} ` +
        `(codebook in ${ws.codebookLocation}), ${channels} channels, ${pe.filters.count} filters on spads ` +
        `${rf.filterWords}/${rf.ifmapWords}/${rf.psumWords}, codebook RF ${ws.codebookRfWords}`,
    );
  }
}
