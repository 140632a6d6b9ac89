// Real (or synthetic) weights of a network, as plain data keyed by the network's layer names. Every filter is
// stored in the project's layout, OIHW: M x (C/groups) x R x S, row-major, s fastest; see layout.ts.

/** The weights of one conv or fc layer. Treat the arrays as immutable once built. */
export interface LayerWeights {
  /** The network layer these weights belong to. */
  readonly layer: string;
  /** M x (C/groups) x R x S, row-major (an fc layer: M x C x H x W). */
  readonly weights: Float32Array;
  /** One per filter (M), when the layer has a bias. */
  readonly bias?: Float32Array;
}

/** All weighted layers of one network, in the network's layer order. */
export interface NetworkWeights {
  /** 'synthetic': generated from `seed`; 'file': read from `file`. */
  readonly source: 'synthetic' | 'file';
  readonly file?: string;
  /** The generator seed of synthetic weights (a saved file keeps it as provenance). */
  readonly seed?: number;
  readonly layers: ReadonlyMap<string, LayerWeights>;
}

/** How a loader matches and interprets the layers of a weights file. */
export interface LoadWeightsOptions {
  /**
   * File layer name -> network layer name, for files whose names differ from the network's. A `null` target
   * ignores that file layer (e.g. an auxiliary head the network does not model). Unmapped names match as is.
   */
  readonly nameMap?: Readonly<Record<string, string | null>>;
  /**
   * The order in which a Dense layer's input vector enumerates the H x W x C activation it flattens, for a Dense
   * mapped onto an fc layer with R = H, S = W > 1. Keras' Flatten always yields 'hwc' (channels last; it even
   * permutes channels_first inputs to that order), so 'hwc' is the default; 'chw' is PyTorch's order.
   */
  readonly flattenOrder?: FlattenOrder;
}

export type FlattenOrder = 'hwc' | 'chw';
