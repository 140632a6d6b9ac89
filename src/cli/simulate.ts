// `dkm-sim --hw FILE --model NAME|FILE`: the analytical energy run of a whole network.
import path from 'node:path';
import { loadHardware } from '../hw/load.js';
import type { Objective } from '../mapping/objective.js';
import { layerTable } from '../report/table.js';
import { summaryJson, writeRunOutputs } from '../report/writeRun.js';
import { analyzeNetworkParallel } from '../run/analyzeNetwork.js';
import { resolveModel } from '../workload/zoo/index.js';

export interface SimulateArgs {
  readonly hw: string;
  readonly model: string;
  readonly batch: number;
  readonly objective: Objective;
  readonly out?: string;
  readonly json: boolean;
  readonly searchLimit: number;
}

/** results/<model>-<hardware>/ with both names reduced to safe file-name characters. */
export function defaultOutDir(model: string, hwFile: string): string {
  const stem = (p: string) => path.basename(p).replace(/\.json$/i, '').replace(/[^A-Za-z0-9._-]+/g, '_');
  return path.join('results', `${stem(model)}-${stem(hwFile)}`);
}

export async function runSimulate(args: SimulateArgs): Promise<void> {
  const hw = loadHardware(args.hw);
  const network = resolveModel(args.model, args.batch);
  const progress = process.stderr.isTTY && !args.json;
  const summary = await analyzeNetworkParallel(network, hw, {
    objective: args.objective,
    hardwareFile: args.hw,
    searchLimit: args.searchLimit,
    onLayer: progress ? (done, total, layer) => process.stderr.write(`\rmapping ${done}/${total} ${layer.name}\x1b[K`) : undefined,
  });
  if (progress) process.stderr.write('\r\x1b[K');
  const outDir = args.out ?? defaultOutDir(network.name, args.hw);
  const { files } = writeRunOutputs(summary, outDir);
  if (args.json) {
    process.stdout.write(summaryJson(summary));
  } else {
    process.stdout.write(layerTable(summary, { color: process.stdout.isTTY === true }) + '\n');
    process.stdout.write(`wrote ${files.join(', ')}\n`);
  }
}
