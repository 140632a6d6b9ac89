// Where a layer's filter data comes from and what each move of it carries: weights, or for a shared layer
// (Deep k-Means) indices plus, decoded in the PEs, every PE's codebook. A shared layer's whole codebook may
// instead be resident in the GLB (its execution says): then tiles and fetches carry only indices from the
// filters' source, and the PEs' codebooks are read out of the GLB. Decoded at the GLB, the indices stop at
// the decoder, which reads one codebook word per weight and sends the weights on: the PEs get plain words.
import type { HardwareSpec } from '../hw/spec.js';
import type { RsMapping } from '../mapping/rsMapping.js';
import type { Layer } from '../workload/layer.js';
import { indexWords, peSharing, residentCodebookWords } from '../workload/sharedRows.js';
import { cutSpan } from './loopNest.js';
import { PeRowTable } from './peRows.js';
import type { PassPlan, PassRanges, PeWork, Span } from './types.js';

/** Data moved: plain words (weights, centroids, ifmaps, psums) and filter index rows, kept apart. */
export interface Payload {
  readonly words: number;
  /** Indices moved; packed into words only at the end, so sums of them stay exact integers. */
  readonly indexRows: number;
}

export interface FilterFetch {
  /** What the filter source (GLB, or DRAM when filters bypass it) sends: once per PE of the strip's first column. */
  readonly source: Payload;
  /** Codebook words read from the GLB-resident codebook (0 when codebooks travel with the indices). */
  readonly fromResident: number;
  /** What the PEs receive (every column of the strip, by multicast): their rows' indices and codebooks. */
  readonly delivered: Payload;
  /** Whether `source` goes on over the filter bus (not when it ends in a decoder at the GLB). */
  readonly sourceOnBus: boolean;
}

/** Words a PE's filter rows take in its filter spad, and in its codebook RF when centroids are kept there. */
export interface PeStores {
  readonly spad: number;
  readonly codebook: number;
}

export class FilterSupply {
  /** Per-PE row statistics of a shared layer; null for an unshared one. */
  readonly table: PeRowTable | null;
  /** Words of the whole codebook kept in the GLB for the layer; 0 when there is none. */
  readonly residentWords: number;

  /** Whether indices are decoded at the GLB (the PEs then hold and receive weights). */
  private readonly decodedAtGlb: boolean;

  constructor(
    private readonly layer: Layer,
    private readonly hw: HardwareSpec,
    private readonly m: RsMapping,
  ) {
    const inPe = peSharing(layer);
    this.table = inPe ? new PeRowTable(layer, inPe) : null;
    this.residentWords = residentCodebookWords(layer);
    this.decodedAtGlb = layer.sharing !== undefined && inPe === undefined;
  }

  /** Words a stream occupies on a link, indices packed. */
  words(s: Payload): number {
    const sharing = this.layer.sharing;
    return s.words + (sharing ? indexWords(s.indexRows, sharing.indexBits, this.hw.wordBits) : 0);
  }

  /** What one fetch of a PE's rows delivers to it: its weights, or its indices and its codebook. */
  pe(group: number, filters: Span, channels: Span, filterRow: number): Payload {
    if (!this.table) return { words: filters.count * channels.count * this.layer.S, indexRows: 0 };
    const rows = this.table.of(group, filters, channels, filterRow);
    return { words: rows.codebookRows * this.layer.S, indexRows: rows.rows };
  }

  /** What leaves the filter source for a PE's rows: what it receives, or their indices for the GLB's decoder. */
  private fromSource(group: number, filters: Span, channels: Span, filterRow: number): Payload {
    return this.decodedAtGlb ? { words: 0, indexRows: filters.count * channels.count } : this.pe(group, filters, channels, filterRow);
  }

  /**
   * A GLB filter tile: filled with the streams of the PEs that will hold its rows (the tile cut into the
   * PEs' slices, of which tiles are whole numbers), minus codebooks the resident one serves; it holds its
   * indices and at most one copy of each centroid (min(k, rows): the buffer does not know which ones).
   */
  glbTile(r: PassRanges): { readonly fill: Payload; readonly held: number } {
    const { layer, m } = this;
    let words = 0;
    let indexRows = 0;
    for (let g = r.G.start; g < r.G.start + r.G.count; g++) {
      for (const filters of cutSpan(r.M, m.p)) {
        for (const channels of cutSpan(r.C, m.q)) {
          for (let i = 0; i < layer.R; i++) {
            const s = this.fromSource(g, filters, channels, i);
            words += s.words;
            indexRows += s.indexRows;
          }
        }
      }
    }
    const sharing = layer.sharing;
    if (!sharing) return { fill: { words, indexRows }, held: words };
    const rows = r.G.count * r.M.count * r.C.count * layer.R;
    const centroids = this.residentWords > 0 ? 0 : Math.min(sharing.k, rows) * layer.S;
    const fill = { words: this.residentWords > 0 ? 0 : words, indexRows };
    return { fill, held: Math.ceil(indexWords(rows, sharing.indexBits, this.hw.wordBits)) + centroids };
  }

  /** What a PE's rows take in its stores: weights; or its indices, packed, and the centroids they name. */
  stores(pe: PeWork): PeStores {
    const { layer } = this;
    if (!this.table) return { spad: pe.filters.count * pe.channels.count * layer.S, codebook: 0 };
    const rows = this.table.of(pe.group, pe.filters, pe.channels, pe.filterRow);
    const indices = Math.ceil(indexWords(rows.rows, layer.sharing!.indexBits, this.hw.wordBits));
    const centroids = rows.codebookRows * layer.S;
    return this.hw.weightSharing.codebookLocation === 'filterSpad'
      ? { spad: indices + centroids, codebook: 0 }
      : { spad: indices, codebook: centroids };
  }

  /**
   * How much of a fetch can arrive ahead into `room` (the stores' words the current rows leave free): `share`, the
   * fraction of the rows the strips' first PEs receive; `largest`, the most any PE's rows take; `earliest`, the
   * most one PE takes in ahead.
   */
  ahead(plan: PassPlan, room: PeStores): { share: number; largest: PeStores; earliest: PeStores } {
    let need = 0;
    let early = 0;
    const largest = { spad: 0, codebook: 0 };
    const earliest = { spad: 0, codebook: 0 };
    for (const pe of plan.pes) {
      const s = this.stores(pe);
      largest.spad = Math.max(largest.spad, s.spad);
      largest.codebook = Math.max(largest.codebook, s.codebook);
      if (pe.ofmapRow !== plan.ranges.E.start) continue;
      const spad = Math.min(s.spad, Math.max(0, room.spad));
      const codebook = Math.min(s.codebook, Math.max(0, room.codebook));
      need += s.spad + s.codebook;
      early += spad + codebook;
      earliest.spad = Math.max(earliest.spad, spad);
      earliest.codebook = Math.max(earliest.codebook, codebook);
    }
    return { share: need > 0 ? early / need : 0, largest, earliest };
  }

  /** The pass's PEs fetch their rows (the loops inside the fetching one leave them in the spads). */
  fetch(plan: PassPlan): FilterFetch {
    let sentWords = 0;
    let words = 0;
    let indexRows = 0;
    let fromSource: Payload = { words: 0, indexRows: 0 };
    for (const pe of plan.pes) {
      const s = this.pe(pe.group, pe.filters, pe.channels, pe.filterRow);
      words += s.words;
      indexRows += s.indexRows;
      if (pe.ofmapRow !== plan.ranges.E.start) continue;
      sentWords += s.words;
      const src = this.fromSource(pe.group, pe.filters, pe.channels, pe.filterRow);
      fromSource = { words: fromSource.words + src.words, indexRows: fromSource.indexRows + src.indexRows };
    }
    const resident = this.residentWords > 0;
    return {
      // PE codebooks (or, decoded at the GLB, the weights) come out of the resident codebook.
      source: resident && !this.decodedAtGlb ? { words: 0, indexRows: fromSource.indexRows } : fromSource,
      fromResident: resident ? sentWords : 0,
      delivered: { words, indexRows },
      sourceOnBus: !this.decodedAtGlb,
    };
  }
}
