// `dkm-sim --hw FILE --model NAME|FILE`: the run of a whole network (or of the layers named by --layer); with
// --compress dkm also the run of the same layers shared by Deep k-Means, and the two side by side.
import { performance } from 'node:perf_hooks';
import { loadHardware } from '../hw/load.js';
import type { HardwareSpec, SharedExecutionName } from '../hw/spec.js';
import { shareRun, type SharedRun } from '../compress/sharedRun.js';
import { executionView } from '../mapping/sharedExecutions.js';
import type { Objective } from '../search/objective.js';
import type { RsMapping } from '../mapping/rsMapping.js';
import { NoLegalMappingError } from '../mapping/legality.js';
import type { RunSummary } from '../model/result.js';
import { comparisonTable } from '../report/compareTable.js';
import type { CompressedRun } from '../report/compressedRun.js';
import { layerTable } from '../report/table.js';
import { renderTimeline } from '../report/timelineChart.js';
import { renderTradeoff } from '../report/tradeoffChart.js';
import { paretoFront } from '../explore/pareto.js';
import { functionalFileNames, functionalFiles } from '../report/functionalFiles.js';
import { writeRunOutputs } from '../report/writeRun.js';
import { checkFunctional, type FunctionalCheck } from '../sim/functionalCheck.js';
import { analyzeNetworkParallel } from '../run/analyzeNetwork.js';
import type { Engine, LayerOutcome, TradeoffPoint } from '../run/layerJob.js';
import type { Timeline } from '../sim/types.js';
import type { Layer, Network } from '../workload/layer.js';
import { resolveModel } from '../workload/zoo/index.js';
import { compressRequest, sharedRunRequest, type CompressOptionsGiven, type CompressRequest } from './compressedRun.js';
import { inputsIn } from './inputsKept.js';
import { mappingNotLegal, readMappingFile } from './mappingFile.js';
import { OptionError } from './optionError.js';
import { statusLine, terminalWidth, useColor } from './terminal.js';
import { defaultOutDir } from './outDir.js';
import { checkOutputFolder } from '../report/outputFolder.js';

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
  /** Mappings simulated per layer to choose by simulated cycles (cycle engine, latency or edp). */
  readonly refine?: number;
  readonly functional: boolean;
  readonly seed: number;
  /** --compress and the Deep k-Means options (see compressedRun.ts); absent or without `compress`: one plain run. */
  readonly compression?: CompressOptionsGiven;
}

function selectLayer(network: Network, name: string | undefined): Network {
  if (name === undefined) return network;
  const layers = network.layers.filter((l) => l.name === name);
  if (layers.length === 0) {
    throw new OptionError(
      `--layer "${name}" is not a layer of ${network.name}; its layers are: ${network.layers.map((l) => l.name).join(', ')}`,
    );
  }
  return { name: network.name, layers };
}

interface AnalyzeHooks {
  readonly timeline: boolean;
  /** Collect the layer's evaluated mappings for tradeoff.svg. */
  readonly tradeoff?: boolean;
  readonly mapping?: RsMapping;
  /** Shown before the layer counter of the progress line: which network is being mapped. */
  readonly label: string;
  readonly onOutcome?: (layer: Layer, outcome: LayerOutcome) => void;
  /** Shared layers: the executions the search may choose from (--decode). */
  readonly executions?: readonly SharedExecutionName[];
}

async function analyze(network: Network, hw: HardwareSpec, args: SimulateArgs, hooks: AnalyzeHooks): Promise<RunSummary> {
  const status = statusLine(!args.json);
  const summary = await analyzeNetworkParallel(network, hw, {
    objective: args.objective,
    hardwareFile: args.hw,
    searchLimit: args.searchLimit,
    refine: args.refine,
    engine: args.engine,
    timeline: hooks.timeline,
    tradeoff: hooks.tradeoff,
    mapping: hooks.mapping,
    executions: hooks.executions,
    onLayer: (done, total, layer) => status.show(`${hooks.label}${done}/${total} ${layer.name}`),
    onOutcome: hooks.onOutcome,
  })
    .catch((err: unknown) => {
      // Name the hardware file, the one input the message could not know, or the mapping file that does not fit.
      if (!(err instanceof NoLegalMappingError)) throw err;
      throw args.mapping ? mappingNotLegal(args.mapping, err, args.hw) : new NoLegalMappingError(err.layer, err.constraint, args.hw);
    })
    .finally(() => status.clear());
  return summary;
}

/** tradeoff.svg of a one-layer run: the evaluated mappings, their (cycles, energy) front and the chosen one. */
function tradeoffChart(summary: RunSummary, hw: HardwareSpec, points: readonly TradeoffPoint[]): string {
  const only = summary.layers[0];
  return renderTradeoff({
    layer: only.name,
    model: summary.model,
    hardware: hw.name,
    objective: summary.objective,
    energyUnit: summary.energyUnit,
    points,
    front: paretoFront(points.map((p) => [p.cycles, p.energy])),
    chosen: { energy: only.energy.total, cycles: only.cycleDetail.cycles, simulatedCycles: only.simulation?.cycles, mapping: only.mapping },
  });
}

/** Deep k-Means on the network before any mapping, so that a bad plan or weights file fails at once. */
function sharedRun(
  full: Network,
  network: Network,
  req: CompressRequest,
  hw: HardwareSpec,
  args: SimulateArgs,
): { run: SharedRun; seconds: number } {
  const status = statusLine(!args.json);
  const start = performance.now();
  try {
    const run = shareRun(full, network, sharedRunRequest(full, req), hw.wordBits, (layer, i, n) =>
      status.show(`k-means ${i + 1}/${n} ${layer.name}`),
    );
    return { run, seconds: (performance.now() - start) / 1000 };
  } finally {
    status.clear();
  }
}

export async function runSimulate(args: SimulateArgs): Promise<void> {
  const compress = compressRequest(args.compression ?? {});
  const hw = loadHardware(args.hw);
  const full = resolveModel(args.model, args.batch);
  const network = selectLayer(full, args.layer);
  const outDir = args.out ?? defaultOutDir(network.name, args.hw, args.layer);
  checkOutputFolder(outDir);
  if (args.mapping && network.layers.length !== 1) {
    throw new OptionError(`--mapping applies to one layer: name it with --layer (${network.name} has ${network.layers.length})`);
  }
  const mapping = args.mapping ? readMappingFile(args.mapping, { layer: network.layers[0], hw, hardwareFile: args.hw }) : undefined;
  const oneLayer = network.layers.length === 1;
  if (args.functional && (!oneLayer || args.engine !== 'cycle')) {
    throw new OptionError('--functional simulates values of one layer: give --layer NAME and --engine cycle');
  }
  const shared = compress ? sharedRun(full, network, compress, hw, args) : undefined;
  let timeline: Timeline | undefined;
  let tradeoff: readonly TradeoffPoint[] | undefined;
  let chosen: { layer: Layer; mapping: RsMapping } | undefined;
  let chosenShared: { layer: Layer; mapping: RsMapping } | undefined;
  const summary = await analyze(network, hw, args, {
    timeline: args.engine === 'cycle' && oneLayer,
    tradeoff: oneLayer,
    mapping,
    label: shared ? 'mapping uncompressed ' : 'mapping ',
    onOutcome: (layer, outcome) => {
      timeline = outcome.sim?.timeline ?? timeline;
      tradeoff = outcome.tradeoff ?? tradeoff;
      chosen = { layer, mapping: outcome.best.mapping };
    },
  });
  const compressed: CompressedRun | undefined = shared && {
    summary: await analyze(shared.run.network, hw, args, {
      timeline: false,
      mapping,
      label: 'mapping shared ',
      executions: compress?.executions,
      onOutcome: (layer, outcome) => {
        chosenShared = { layer: executionView(layer, outcome.execution), mapping: outcome.best.mapping };
      },
    }),
    sharing: shared.run.sharing,
  };
  const only = summary.layers[0];
  const timelineSvg =
    timeline && only.simulation
      ? renderTimeline({
          layer: only.name,
          model: summary.model,
          hardware: hw.name,
          clockMHz: hw.clockMHz,
          timeline,
          stats: {
            cycles: only.simulation.cycles,
            stallCycles: only.simulation.stallCycles,
            utilization: only.simulation.utilization,
            pes: { active: only.activePEs, total: summary.hardware.peCount },
          },
        })
      : undefined;
  const tradeoffSvg = tradeoff && tradeoff.length > 0 ? tradeoffChart(summary, hw, tradeoff) : undefined;
  const functional = args.functional && chosen ? checkFunctional(chosen.layer, hw, chosen.mapping, args.seed) : undefined;
  const functionalShared =
    args.functional && chosenShared?.layer.sharing ? checkFunctional(chosenShared.layer, hw, chosenShared.mapping, args.seed) : undefined;
  const checks: [FunctionalCheck | undefined, string][] = [
    [functional, ''],
    [functionalShared, '-compressed'],
  ];
  const { files, json } = writeRunOutputs(summary, outDir, {
    timelineSvg,
    tradeoffSvg,
    compressed,
    files: checks.flatMap(([check, suffix]) => (check ? functionalFiles(check, suffix) : [])),
    keep: inputsIn(outDir, [compress?.weights]),
  });
  if (args.json) {
    process.stdout.write(json);
  } else if (compressed && shared) {
    process.stdout.write(comparisonTable(summary, compressed, { color: useColor(), width: terminalWidth() }) + '\n');
    process.stdout.write(`Deep k-Means sharing took ${shared.seconds.toFixed(1)} s\nwrote ${files.join(', ')}\n`);
  } else {
    process.stdout.write(layerTable(summary, { color: useColor(), width: terminalWidth() }) + '\n');
    process.stdout.write(`wrote ${files.join(', ')}\n`);
  }
  for (const [check, suffix] of checks) {
    if (!check || args.json) continue;
    const what = check.sharing
      ? `the shared ${check.layer} (${check.sharing.reusedConvs} of ${check.sharing.oneDConvs + check.sharing.reusedConvs} 1-D convolutions reused)`
      : check.layer;
    const verdict =
      check.mismatches === 0 ? 'equals the reference convolution exactly' : `differs from the reference in ${check.mismatches} values`;
    process.stdout.write(
      `functional: ${check.outputs} outputs of ${what}; the simulated output ${verdict} (${functionalFileNames(suffix).output})\n`,
    );
  }
  for (const [check] of checks) {
    if (check && check.mismatches > 0) throw new Error(`functional simulation of ${check.layer} differs from the reference convolution`);
  }
}
