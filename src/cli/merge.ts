// `dkm-sim merge DIR... --out DIR`: the shard folders of one sweep joined into the files a single run writes.
import { mergeShards } from '../explore/merge.js';
import { sweepColumns, sweepFiles } from '../explore/outputs.js';
import { writeFileSet } from '../report/fileSet.js';

export function runMerge(dirs: readonly string[], out: string): void {
  const { manifest, rows } = mergeShards(dirs);
  const files = writeFileSet(out, sweepFiles(manifest, rows, sweepColumns(manifest)));
  process.stdout.write(`${rows.length} points from ${dirs.length} folders; wrote ${files.join(', ')}\n`);
}
