// The evaluated hardware description every later stage consumes: plain numbers, all expressions resolved.
// Units are in the names; energies are per word (one word = wordBits) in the table's `unit`.

export const DATA_TYPES = ['ifmap', 'filter', 'psum'] as const;

/** Bits of one data word when a hardware file does not say (`wordBits`): Eyeriss' 16-bit fixed point. */
export const DEFAULT_WORD_BITS = 16;

/**
 * Ways a chip may run a layer with shared weights (the mapping search picks one per layer): decoded in the
 * PEs with the codebook streamed with the indices or resident in the GLB, decoded at the GLB, or decoded
 * off-chip (the layer runs dense).
 */
export const SHARED_EXECUTIONS = ['pe-streamed', 'pe-resident', 'glb', 'dense'] as const;
export type SharedExecutionName = (typeof SHARED_EXECUTIONS)[number];
export type DataType = (typeof DATA_TYPES)[number];

export interface ReadWrite {
  readonly read: number;
  readonly write: number;
}

export interface EnergyTable {
  /** 'pJ' for absolute tables; 'MAC' when every entry is relative to one MAC (the ISCA'16 normalization). */
  readonly unit: 'pJ' | 'MAC';
  readonly mac: number;
  /** Per-PE scratchpad access, per data type (Eyeriss' spads differ in size and so in cost). */
  readonly rf: { readonly [T in DataType]: ReadWrite };
  /** One word carried from a sender to one receiving PE (or from a PE out to the buffer). */
  readonly nocTransfer: number;
  readonly glb: ReadWrite;
  readonly dram: ReadWrite;
  /** One weight value read through a PE's codebook (shared layers; the index read is an rf.filter read). */
  readonly codebookLookup: number;
  /** One reused 1-D convolution output added into another filter's psum (shared layers). */
  readonly psumAdd: number;
}

/**
 * Silicon area per part, in mm² (see src/hw/area.ts for the sum). A file without an `area` section has none;
 * nothing is ever assumed for it.
 */
export interface AreaTable {
  /** Logic of one PE: MAC, PE control (its scratchpads are counted per word below). */
  readonly peLogicMm2: number;
  /** One scratchpad word, per data type (Eyeriss' filter spad is SRAM, the others are registers). */
  readonly spadMm2PerWord: { readonly [T in DataType]: number };
  /** GLB storage per KiB of capacity. */
  readonly glbMm2PerKiB: number;
  /** GLB overhead per bank (decoders, sense amplifiers, port). */
  readonly glbMm2PerBank: number;
  /** On-chip networks, per PE (buses, multicast controllers). */
  readonly nocMm2PerPe: number;
  /** What does not scale with the array or the buffers: top-level control, I/O. */
  readonly fixedMm2: number;
}

export interface HardwareSpec {
  readonly name: string;
  readonly description: string;
  readonly wordBits: number;
  readonly clockMHz: number;
  readonly peArray: {
    readonly rows: number;
    readonly cols: number;
    /** Cycles from a MAC's operands to its result; the pipeline fills once per pass. */
    readonly macPipelineDepth: number;
    /** Width of the psum accumulators; psums wrap (two's complement) beyond it in the functional mode. */
    readonly accumulatorBits: number;
  };
  readonly rf: { readonly ifmapWords: number; readonly filterWords: number; readonly psumWords: number };
  readonly glb: {
    readonly capacityBytes: number;
    readonly banks: number;
    readonly wordsPerCyclePerBank: number;
    /** Data types that move between DRAM and the PE array without being stored in the GLB. */
    readonly bypass: readonly DataType[];
    /** When true, tiles may use only half the capacity (the other half is being filled). */
    readonly doubleBuffer: boolean;
  };
  readonly noc: {
    readonly multicast: boolean;
    readonly wordsPerCycle: { readonly [T in DataType]: number };
  };
  readonly dram: { readonly wordsPerCycle: number };
  /**
   * What the chip loads ahead while the PEs compute (timing only: the words moved are the same). All shares 0
   * and filterSpad false: nothing is prefetched, a tile or a pass's filters load when they are needed.
   */
  readonly prefetch: {
    /**
     * Per data type, the share of the GLB words a mapping's tiles leave free into which the next tile of that
     * type is loaded while the current one is in use (shares add up to at most 1; 0 for bypassed types).
     */
    readonly glb: { readonly [T in DataType]: number };
    /** The next filter rows load into the filter spad (and codebook RF) words the current rows leave free. */
    readonly filterSpad: boolean;
  };
  /** How the PEs run layers with shared filter rows (indices into a codebook). */
  readonly weightSharing: {
    /** Where a PE keeps the centroids its rows name: its own codebook register file, or the filter spad. */
    readonly codebookLocation: 'codebookRf' | 'filterSpad';
    /** Words of the codebook register file per PE (used with codebookLocation 'codebookRf'). */
    readonly codebookRfWords: number;
    /**
     * The most GLB space a whole codebook (k x S words) may take when it is kept resident there (for the PEs'
     * codebooks, or for decoding at the GLB); it shares the buffer with the tiles.
     */
    readonly glbCodebookBytes: number;
    /** The widest index the PEs decode; a layer needing more bits cannot run. */
    readonly maxIndexBits: number;
    /** The ways this chip can run a shared layer. */
    readonly executions: readonly SharedExecutionName[];
    /**
     * Row-level computation reuse in the PEs (decoded there): filters of a PE whose rows name the same centroid
     * share one 1-D convolution per channel, the others get its outputs added. Off: every row computes its own.
     */
    readonly rowReuse: boolean;
  };
  readonly energy: EnergyTable;
  /** Present only when the file has an `area` section. */
  readonly area?: AreaTable;
}

export const glbCapacityWords = (hw: HardwareSpec): number => Math.floor((hw.glb.capacityBytes * 8) / hw.wordBits);

/**
 * GLB words the tiles of a mapping may take: the whole buffer, or with glb.doubleBuffer the half that is not
 * being filled (whole words). The one definition for legality, the model, the search and the simulator.
 */
export const usableGlbWords = (hw: HardwareSpec): number => Math.floor(glbCapacityWords(hw) / (hw.glb.doubleBuffer ? 2 : 1));

/** Whether any GLB tile is loaded ahead (prefetch.glb). */
export const prefetchesGlb = (hw: HardwareSpec): boolean => hw.prefetch.glb.ifmap + hw.prefetch.glb.filter + hw.prefetch.glb.psum > 0;
