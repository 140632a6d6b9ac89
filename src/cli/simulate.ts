// `dkm-sim --hw FILE --model NAME|FILE`: the run of a whole network (or of the layers named by --layer).
import path from 'node:path';
import { loadHardware } from '../hw/load.js';
import type { Objective } from '../mapping/objective.js';
import { layerTable } from '../report/table.js';
import { renderTimeline } from '../report/timelineChart.js';
import { summaryJson, writeRunOutputs } from '../report/writeRun.js';
import { analyzeNetworkParallel } from '../run/analyzeNetwork.js';
import { NoLegalMappingError } from '../mapping/search.js';
import type { Engine } from '../run/layerJob.js';
import type { Timeline } from '../sim/types.js';
import type { Layer, Network } from '../workload/layer.js';
import type { RsMapping } from '../mapping/rsMapping.js';
import { runFunctional } from './functional.js';
import { resolveModel } from '../workload/zoo/index.js';
import { readMappingFile } from './mappingFile.js';

export interface SimulateArgs {
  readonly hw: string;
  readonly model: string;
  readonly batch: number;
  readonly objective: Objective;
  readonly engine: Engine;
  readonly layer?: string;
  readonly mapping?: string;
  readonly out?: string;
  readonly json: boolean;
  readonly searchLimit: number;
  readonly functional: boolean;
  readonly seed: number;
}

/** A bad combination of options or an unknown layer name; reported like the other input errors. */
export class OptionError extends Error {
  override readonly name = 'OptionError';
}

/** A model, layer or file name reduced to safe file-name characters, without a .json ending. */
export const fileStem = (p: string): string => path.basename(p).replace(/\.json$/i, '').replace(/[^A-Za-z0-9._-]+/g, '_');

/** results/<model>-<hardware>/ (results/<model>-<layer>-<hardware>/ for one layer). */
export function defaultOutDir(model: string, hwFile: string, layer?: string): string {
  return path.join('results', `${fileStem(model)}${layer ? `-${fileStem(layer)}` : ''}-${fileStem(hwFile)}`);
}

function selectLayer(network: Network, name: string | undefined): Network {
  if (name === undefined) return network;
  const layers = network.layers.filter((l) => l.name === name);
  if (layers.length === 0) {
    throw new OptionError(`--layer "${name}" is not a layer of ${network.name}; its layers are: ${network.layers.map((l) => l.name).join(', ')}`);
  }
  return { name: network.name, layers };
}

export async function runSimulate(args: SimulateArgs): Promise<void> {
  const hw = loadHardware(args.hw);
  const network = selectLayer(resolveModel(args.model, args.batch), args.layer);
  if (args.mapping && network.layers.length !== 1) {
    throw new OptionError(`--mapping applies to one layer: name it with --layer (${network.name} has ${network.layers.length})`);
  }
  const mapping = args.mapping ? readMappingFile(args.mapping) : undefined;
  const oneLayer = network.layers.length === 1;
  if (args.functional && (!oneLayer || args.engine !== 'cycle')) {
    throw new OptionError('--functional simulates values of one layer: give --layer NAME and --engine cycle');
  }
  let timeline: Timeline | undefined;
  let chosen: { layer: Layer; mapping: RsMapping } | undefined;
  const progress = process.stderr.isTTY && !args.json;
  const summary = await analyzeNetworkParallel(network, hw, {
    objective: args.objective,
    hardwareFile: args.hw,
    searchLimit: args.searchLimit,
    engine: args.engine,
    timeline: args.engine === 'cycle' && oneLayer,
    mapping,
    onLayer: progress ? (done, total, layer) => process.stderr.write(`\rmapping ${done}/${total} ${layer.name}\x1b[K`) : undefined,
    onOutcome: (layer, outcome) => {
      timeline = outcome.sim?.timeline ?? timeline;
      chosen = { layer, mapping: outcome.best.mapping };
    },
  }).catch((err: unknown) => {
    // Name the hardware file, the one input the message could not know.
    throw err instanceof NoLegalMappingError ? new NoLegalMappingError(err.layer, err.constraint, args.hw) : err;
  });
  if (progress) process.stderr.write('\r\x1b[K');
  const only = summary.layers[0];
  const timelineSvg = timeline && only.simulation
    ? renderTimeline({
      layer: only.name, model: summary.model, hardware: hw.name, clockMHz: hw.clockMHz, timeline,
      stats: { cycles: only.simulation.cycles, stallCycles: only.simulation.stallCycles, utilization: only.simulation.utilization },
    })
    : undefined;
  const outDir = args.out ?? defaultOutDir(network.name, args.hw, args.layer);
  const { files } = writeRunOutputs(summary, outDir, { timelineSvg });
  const functional = args.functional && chosen ? runFunctional(chosen.layer, hw, chosen.mapping, args.seed, outDir) : undefined;
  if (args.json) {
    process.stdout.write(summaryJson(summary));
  } else {
    process.stdout.write(layerTable(summary, { color: process.stdout.isTTY === true }) + '\n');
    process.stdout.write(`wrote ${files.join(', ')}\n`);
    if (functional) {
      const verdict = functional.mismatches === 0 ? 'equals the reference convolution exactly' : `differs from the reference in ${functional.mismatches} values`;
      process.stdout.write(`functional: ${functional.outputs} outputs of ${functional.layer}; the simulated output ${verdict} (output.bin, functional.json)\n`);
    }
  }
  if (functional && functional.mismatches > 0) throw new Error(`functional simulation of ${functional.layer} differs from the reference convolution`);
}
