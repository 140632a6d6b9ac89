// `dkm-sim validate`: the paper's check of its energy metric (R^2 against an Eyeriss energy model over cluster
// rates), repeated against the paper's setup and this project's detailed model, with an ablation of the
// detailed model's mechanisms; writes CSV, SVG, JSON and Markdown.
import { loadHardware } from '../hw/load.js';
import { writeFileSet } from '../report/fileSet.js';
import { checkOutputFolder } from '../report/outputFolder.js';
import { reportJson } from '../validate/report.js';
import { consoleText } from '../validate/consoleText.js';
import { runValidation, validationFiles } from '../validate/validate.js';
import { hardwareArg } from './shippedFiles.js';

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
  const progress = process.stderr.isTTY && !args.json;
  const report = await runValidation({
    hw, hardwareFile: file.label, batch: args.batch, weightSeed: args.weightSeed,
    onPoint: progress ? (done, total, job) => process.stderr.write(`\rvalidated ${done}/${total}: ${job.model} at rate ${job.rate}\x1b[K`) : undefined,
  });
  if (progress) process.stderr.write('\r\x1b[K');
  const files = writeFileSet(args.out, validationFiles(report));
  if (args.json) process.stdout.write(reportJson(report));
  else process.stdout.write(consoleText(report, files));
}
