// `dkm-sim compress --model NAME|FILE (--cluster-rate R | --k LIST)`: Deep k-Means weight sharing of the
// conv layers and the compression ratios it gives, as a table, compression.json and compression.csv.
import path from 'node:path';
import { shareModel } from '../compress/compressNetwork.js';
import { compressionCsv, compressionTable } from '../report/compressionTables.js';
import { writeFileSet } from '../report/fileSet.js';
import { resolveModel } from '../workload/zoo/index.js';
import { planOf, type SharingArgs } from './sharingOptions.js';
import { inputsIn } from './inputsKept.js';
import { fileStem } from './outDir.js';
import { statusLine } from './terminal.js';
import { checkOutputFolder } from '../report/outputFolder.js';

export interface CompressArgs extends SharingArgs {
  readonly model: string;
  /** The accelerator word of the on-chip ratio. */
  readonly wordBits: number;
  readonly out?: string;
  readonly json: boolean;
}

export function runCompress(args: CompressArgs): void {
  const network = resolveModel(args.model, 1);
  const outDir = args.out ?? path.join('results', `${fileStem(network.name)}-compress`);
  checkOutputFolder(outDir);
  // k-means takes minutes on large networks (ResNet-50: 30 s): a status line says which layer it is on.
  const status = statusLine(!args.json);
  const { summary } = (() => {
    try {
      return shareModel(network, planOf(network, args), args, {
        wordBits: args.wordBits,
        onLayer: (layer, i, n) => status.show(`k-means ${i + 1}/${n} ${layer.name}`),
      });
    } finally {
      status.clear();
    }
  })();
  const json = JSON.stringify(summary, null, 2) + '\n';
  const files = writeFileSet(
    outDir,
    [
      ['compression.json', json],
      ['compression.csv', compressionCsv(summary)],
    ],
    { keep: inputsIn(outDir, [args.weights]) },
  );
  if (args.json) process.stdout.write(json);
  else process.stdout.write(`${compressionTable(summary)}\nwrote ${files.join(', ')}\n`);
}
