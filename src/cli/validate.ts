// `dkm-sim validate`: the paper's check of its energy metric (R^2 against an Eyeriss energy model over cluster
// rates), repeated against the paper's setup and this project's detailed model, with an ablation of the
// detailed model's mechanisms; writes CSV, SVG, JSON and Markdown.
import { loadHardware } from '../hw/load.js';
import { writeFileSet } from '../report/fileSet.js';
import { checkOutputFolder } from '../report/outputFolder.js';
import { reportJson } from '../validate/report.js';
import { consoleText } from '../validate/consoleText.js';
import { PAPER_MODELS } from '../validate/setup.js';
import { runValidation, validationFiles, type OnPoint } from '../validate/validate.js';
import { hardwareArg } from './shippedFiles.js';
import { statusLine } from './terminal.js';

export interface ValidateArgs {
  /** Absent: the shipped hardware/eyeriss.json, wherever dkm-sim is run from. */
  readonly hw?: string;
  readonly out: string;
  readonly batch: number;
  readonly weightSeed: number;
  readonly json: boolean;
}

export async function runValidate(args: ValidateArgs): Promise<void> {
  checkOutputFolder(args.out);
  const file = hardwareArg(args.hw);
  const hw = loadHardware(file.path);
  const report = await withProgress(args.json, (onPoint) =>
    runValidation({ hw, hardwareFile: file.label, batch: args.batch, weightSeed: args.weightSeed, onPoint }),
  );
  const files = writeFileSet(args.out, validationFiles(report));
  if (args.json) process.stdout.write(reportJson(report));
  else process.stdout.write(consoleText(report, files));
}

/**
 * A status line from the start: a point takes 5-30 s of k-means, searches and simulation on its worker thread,
 * so the points done alone would leave the terminal silent for the first of them; the seconds tick meanwhile.
 */
async function withProgress<T>(json: boolean, run: (onPoint: OnPoint) => Promise<T>): Promise<T> {
  const status = statusLine(!json);
  const started = performance.now();
  const total = PAPER_MODELS.reduce((a, m) => a + m.rates.length, 0);
  const models = PAPER_MODELS.map((m) => `${m.model} at ${m.rates.length} cluster rates`).join(', ');
  let last = `validating ${models}: 0/${total} points done`;
  const show = () => status.show(`${last} (${Math.round((performance.now() - started) / 1000)} s)`);
  show();
  const ticker = setInterval(show, 1000);
  ticker.unref();
  try {
    return await run((done, all, job) => {
      last = `validating: ${done}/${all} points done, the last ${job.model} at rate ${job.rate}`;
      show();
    });
  } finally {
    clearInterval(ticker);
    status.clear();
  }
}
