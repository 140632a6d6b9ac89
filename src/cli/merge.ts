// `dkm-sim merge DIR... --out DIR`: the shard folders of one sweep joined into the files a single run writes.
import fs from 'node:fs';
import path from 'node:path';
import { definitionKey, type SweepManifest } from '../explore/manifest.js';
import { mergeShards } from '../explore/merge.js';
import { sweepColumns, sweepFiles } from '../explore/outputs.js';
import { MANIFEST_FILE, SweepFolderError } from '../explore/sweep.js';
import { writeFileSet } from '../report/fileSet.js';
import { checkOutputFolder } from '../report/outputFolder.js';

/** The merged sweep may replace only itself: never a shard folder, never another sweep. */
function checkOut(out: string, dirs: readonly string[], merged: SweepManifest): void {
  if (dirs.some((d) => path.resolve(d) === path.resolve(out))) {
    throw new SweepFolderError(`--out ${out} is one of the shard folders: give the merged sweep a folder of its own`);
  }
  const file = path.join(out, MANIFEST_FILE);
  if (!fs.existsSync(file)) return;
  let existing: SweepManifest | undefined;
  try {
    existing = JSON.parse(fs.readFileSync(file, 'utf8')) as SweepManifest;
  } catch {
    existing = undefined;
  }
  if (!existing || existing.shard !== undefined || definitionKey(existing) !== definitionKey(merged)) {
    throw new SweepFolderError(`${out} already holds another sweep (${MANIFEST_FILE}): give another --out`);
  }
}

export function runMerge(dirs: readonly string[], out: string): void {
  checkOutputFolder(out);
  const { manifest, rows } = mergeShards(dirs);
  checkOut(out, dirs, manifest);
  const files = writeFileSet(out, sweepFiles(manifest, rows, sweepColumns(manifest)));
  process.stdout.write(`${rows.length} points from ${dirs.length} folders; wrote ${files.join(', ')}\n`);
}
