// The validation end to end: every (model, rate) point, the report, and the files that show it.
import type { HardwareSpec } from '../hw/spec.js';
import { layersCsv, modelCsv } from './csv.js';
import { validationMarkdown } from './markdown.js';
import { convLayers } from '../compress/plan.js';
import { NoLegalMappingError } from '../mapping/legality.js';
import { runJobs } from '../run/pool.js';
import { SearchCache } from '../search/cache.js';
import { assertMappable } from '../search/search.js';
import { mappingView } from '../workload/layer.js';
import { resolveModel } from '../workload/zoo/index.js';
import { POINT_TASK, pointCost, type PointJob } from './point.js';
import { buildReport, reportJson, type ValidationReport } from './report.js';
import { renderFitChart, renderVsDenseChart } from './fitChart.js';
import { PAPER_MODELS, VALIDATION_KMEANS, type ValidationModel } from './setup.js';

/** Called as each point finishes (for progress display). */
export type OnPoint = (done: number, total: number, job: PointJob) => void;

export interface ValidateOptions {
  readonly hw: HardwareSpec;
  readonly hardwareFile: string;
  readonly batch: number;
  readonly weightSeed: number;
  /** Default: the paper's AlexNet and GoogLeNet v1 rates. */
  readonly models?: readonly ValidationModel[];
  /** Worker threads (default: one per core). */
  readonly threads?: number;
  readonly onPoint?: OnPoint;
  /** Default VALIDATION_KMEANS.maxIterations. */
  readonly kmeansMaxIterations?: number;
}

/**
 * Every model's conv layers, dense, must have a mapping on the chip: the points' k-means would otherwise run for
 * seconds before the first search fails. Throws NoLegalMappingError naming the model's layer and the file.
 */
function checkDenseLayersMap(models: readonly ValidationModel[], o: ValidateOptions): void {
  const cache = new SearchCache();
  for (const { model } of models) {
    for (const layer of convLayers(resolveModel(model, o.batch).layers)) {
      try {
        assertMappable(mappingView(layer), o.hw, cache);
      } catch (err) {
        if (err instanceof NoLegalMappingError) throw new NoLegalMappingError(`${model} ${layer.name}`, err.constraint, o.hardwareFile);
        throw err;
      }
    }
  }
}

export async function runValidation(o: ValidateOptions): Promise<ValidationReport> {
  const models = o.models ?? PAPER_MODELS;
  checkDenseLayersMap(models, o);
  const kmeansMaxIterations = o.kmeansMaxIterations ?? VALIDATION_KMEANS.maxIterations;
  const jobs = models.flatMap((m) =>
    m.rates.map((rate) => ({
      model: m.model,
      rate,
      batch: o.batch,
      weightSeed: o.weightSeed,
      hw: o.hw,
      hardwareFile: o.hardwareFile,
      kmeansMaxIterations,
    })),
  );
  const points = await runJobs(POINT_TASK, jobs, {
    threads: o.threads,
    cost: pointCost,
    onDone: ({ index, done }) => o.onPoint?.(done, jobs.length, jobs[index]),
  });
  return buildReport({
    hw: o.hw,
    hardwareFile: o.hardwareFile,
    batch: o.batch,
    weightSeed: o.weightSeed,
    kmeansMaxIterations,
    models,
    points,
  });
}

/**
 * [file name, text] of every output: per model <model>.csv (per rate), <model>-layers.csv (per rate and layer),
 * <model>.svg (metric vs the detailed model), <model>-paper-setup.svg, <model>-vs-dense.svg; then
 * validation.json and validation.md.
 */
export function validationFiles(r: ValidationReport): [string, string][] {
  return [
    ...r.models.flatMap((m): [string, string][] => [
      [`${m.model}.csv`, modelCsv(r, m)],
      [`${m.model}-layers.csv`, layersCsv(r, m)],
      [`${m.model}.svg`, renderFitChart(r, m, 'simulated')],
      [`${m.model}-paper-setup.svg`, renderFitChart(r, m, 'paperSetup')],
      [`${m.model}-vs-dense.svg`, renderVsDenseChart(r, m)],
    ]),
    ['validation.json', reportJson(r)],
    ['validation.md', validationMarkdown(r)],
  ];
}
