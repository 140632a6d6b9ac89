// From k-means results to what the accelerator runs: each compressed conv layer carries its indices and
// codebook (layer.sharing). A layer left at K = N (the paper's uncompressed first layer) runs as it is.
import type { Layer, Network } from '../workload/layer.js';
import { checkSharing, fixedIndexBits } from '../workload/sharedRows.js';
import type { LayerSharing } from './sharing.js';

/** `sharings` are the conv layers' results in network order (shareNetwork's output), at any batch size. */
export function withSharing(network: Network, sharings: readonly LayerSharing[]): Network {
  const byName = new Map(sharings.map((s) => [s.layer, s]));
  const layers = network.layers.map((layer): Layer => {
    const s = byName.get(layer.name);
    if (!s || layer.kind !== 'conv' || s.k >= s.rows) return layer;
    const sharing = { k: s.k, indexBits: fixedIndexBits(s.k), index: s.index, codebook: s.codebook };
    checkSharing(layer, sharing);
    return { ...layer, sharing };
  });
  return { ...network, layers };
}
