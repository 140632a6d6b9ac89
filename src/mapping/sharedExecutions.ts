// The ways a layer with shared weights can run on a chip, as layer views the model, the search and the
// simulator take like any layer: decoded in the PEs (codebook streamed or resident in the GLB), decoded at
// the GLB, or run dense (the layer without its sharing). The search maps every view and keeps the best, so a
// shared layer never costs more than the same layer dense, where the chip can run it dense. A resident
// codebook larger than weightSharing.glbCodebookBytes is no candidate; one that does not fit beside a tile
// makes no mapping of that view legal, and the view drops out.
import type { HardwareSpec, SharedExecutionName } from '../hw/spec.js';
import type { Layer } from '../workload/layer.js';
import type { SharedExecution, SharedFilterRows } from '../workload/sharedRows.js';

const EXECUTION: Readonly<Record<Exclude<SharedExecutionName, 'dense'>, SharedExecution>> = {
  'pe-streamed': { decodeAt: 'pe', codebook: 'streamed' },
  'pe-resident': { decodeAt: 'pe', codebook: 'resident' },
  glb: { decodeAt: 'glb', codebook: 'resident' },
};

/** The name of the way `layer` runs (a view from sharedExecutions), or undefined for a layer without sharing. */
export function executionName(layer: Layer, of: Layer): SharedExecutionName | undefined {
  if (!of.sharing) return undefined;
  if (!layer.sharing) return 'dense';
  const e = layer.sharing.execution ?? EXECUTION['pe-streamed'];
  return e.decodeAt === 'glb' ? 'glb' : e.codebook === 'resident' ? 'pe-resident' : 'pe-streamed';
}

// One view object per (sharing, execution): searches cache per sharing record, so views must be stable.
const views = new WeakMap<SharedFilterRows, Map<SharedExecutionName, SharedFilterRows>>();

function viewOf(sharing: SharedFilterRows, name: Exclude<SharedExecutionName, 'dense'>): SharedFilterRows {
  let perSharing = views.get(sharing);
  if (!perSharing) views.set(sharing, (perSharing = new Map<SharedExecutionName, SharedFilterRows>()));
  let view = perSharing.get(name);
  if (!view) perSharing.set(name, (view = { ...sharing, execution: EXECUTION[name] }));
  return view;
}

/** The view of `layer` that runs as `name` (the layer itself without a name or without sharing). */
export function executionView(layer: Layer, name: SharedExecutionName | undefined): Layer {
  if (!layer.sharing || name === undefined) return layer;
  return name === 'dense' ? { ...layer, sharing: undefined } : { ...layer, sharing: viewOf(layer.sharing, name) };
}

/**
 * The views of `layer` to map, in a fixed order (ties between them go to the first): the layer itself when
 * it has no sharing; else each of `allowed` (default: every execution the chip supports) it can run.
 */
export function sharedExecutions(
  layer: Layer,
  hw: HardwareSpec,
  allowed: readonly SharedExecutionName[] = hw.weightSharing.executions,
): Layer[] {
  const sharing = layer.sharing;
  if (!sharing) return [layer];
  const budgetWords = Math.floor((hw.weightSharing.glbCodebookBytes * 8) / hw.wordBits);
  const residentFits = sharing.k * layer.S <= budgetWords;
  return hw.weightSharing.executions
    .filter((name) => allowed.includes(name) && (name === 'dense' || name === 'pe-streamed' || residentFits))
    .map((name) => executionView(layer, name));
}
