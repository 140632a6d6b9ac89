// The files of a --functional check: the simulated output tensor (output.bin, int32 little-endian, n-m-e-f
// order) and the check's report (functional.json), named with a suffix so that the dense and the shared
// layer's checks share a folder. Written with the run's other files, all together or not at all.
import type { FunctionalCheck } from '../sim/functionalCheck.js';
import type { FileContent } from './fileSet.js';

/** functional.json: the check's facts, its output tensor replaced by the name of the file that holds it. */
export type FunctionalReport = Omit<FunctionalCheck, 'output'> & { readonly outputFile: string };

export const functionalFileNames = (suffix: string) => ({ output: `output${suffix}.bin`, report: `functional${suffix}.json` });

export function functionalFiles(check: FunctionalCheck, suffix = ''): FileContent[] {
  const names = functionalFileNames(suffix);
  const bytes = Buffer.alloc(check.output.length * 4);
  check.output.forEach((v, i) => bytes.writeInt32LE(v, i * 4));
  const { output: _tensor, sharing, ...facts } = check;
  const report: FunctionalReport = { ...facts, outputFile: names.output, ...(sharing && { sharing }) };
  return [
    [names.output, bytes],
    [names.report, `${JSON.stringify(report, null, 2)}\n`],
  ];
}
