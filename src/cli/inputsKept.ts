// A run must not take out of its output folder a file it read as input: e.g. `dkm-sim retrain --pretrained
// results/retrain-lenet5-mnist/pretrained.json` into that same folder does not pretrain, so it writes no
// pretrained.json, and the writer would remove the one it was given (fileSet.ts). These are the names to keep.
import fs from 'node:fs';
import path from 'node:path';

/** A weights file and, for a tfjs model.json, the shard files its manifest names (relative to it). */
function weightFiles(file: string): string[] {
  try {
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { weightsManifest?: { paths?: unknown }[] };
    const shards = (doc.weightsManifest ?? []).flatMap((g) =>
      Array.isArray(g.paths) ? g.paths.filter((p): p is string => typeof p === 'string') : [],
    );
    return [file, ...shards.map((p) => path.resolve(path.dirname(file), p))];
  } catch {
    return [file];
  }
}

/** The names, in `outDir`, of the weights files given (absent ones skipped) that lie directly in it. */
export function inputsIn(outDir: string, weights: readonly (string | undefined)[]): string[] {
  const dir = path.resolve(outDir);
  return weights
    .flatMap((w) => (w === undefined ? [] : weightFiles(w)))
    .filter((f) => path.dirname(path.resolve(f)) === dir)
    .map((f) => path.basename(f));
}
