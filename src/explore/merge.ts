// Joining the folders of a sharded sweep (`--shard i/n` runs, e.g. the tasks of a Slurm job array) into the
// files one unsharded run writes: the same manifest without its shard, every row once, in point order.
import fs from 'node:fs';
import path from 'node:path';
import { definitionKey, type SweepManifest } from './manifest.js';
import { readRecords } from './records.js';
import type { SweepRow } from './row.js';
import { MANIFEST_FILE, RECORDS_FILE, SweepFolderError } from './sweep.js';

function readShard(dir: string): { manifest: SweepManifest; rows: SweepRow[] } {
  const file = path.join(dir, MANIFEST_FILE);
  let manifest: SweepManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as SweepManifest;
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file: is this a sweep folder?' : (err as Error).message;
    throw new SweepFolderError(`${file}: cannot read the sweep's manifest (${why})`);
  }
  if (manifest.kind !== 'sweep' || !Number.isInteger(manifest.points)) throw new SweepFolderError(`${file}: not a dkm-sim sweep manifest`);
  return { manifest, rows: readRecords(path.join(dir, RECORDS_FILE)).rows };
}

/** The unsharded manifest and all rows of the folders given, or SweepFolderError naming what is wrong. */
export function mergeShards(dirs: readonly string[]): { manifest: SweepManifest; rows: SweepRow[] } {
  if (dirs.length === 0)
    throw new SweepFolderError('give the shard folders to merge, e.g. dkm-sim merge results/sweep-0 results/sweep-1 --out results/sweep');
  const shards = dirs.map((dir) => ({ dir, ...readShard(dir) }));
  const first = shards[0];
  const other = shards.find((s) => definitionKey(s.manifest) !== definitionKey(first.manifest));
  if (other) throw new SweepFolderError(`${other.dir} holds another sweep than ${first.dir} (different hardware, model, options or axes)`);
  const total = first.manifest.points;
  const owner = new Map<number, string>();
  const rows: SweepRow[] = [];
  for (const s of shards) {
    const { first: from, end } = s.manifest.shard ?? { first: 0, end: total };
    const missing = end - from - s.rows.length;
    if (missing > 0)
      throw new SweepFolderError(`${s.dir} misses ${missing} of its ${end - from} points: finish it with the same command and --resume`);
    for (const row of s.rows) {
      const before = owner.get(row.point);
      if (before !== undefined) throw new SweepFolderError(`point ${row.point} is in both ${before} and ${s.dir}: give each shard once`);
      owner.set(row.point, s.dir);
      rows.push(row);
    }
  }
  if (rows.length !== total) {
    const absent = Array.from({ length: total }, (_, i) => i).filter((i) => !owner.has(i));
    throw new SweepFolderError(
      `the folders hold ${rows.length} of the sweep's ${total} points (missing ${absent.slice(0, 5).join(', ')}${absent.length > 5 ? ', ...' : ''}): give every shard's folder`,
    );
  }
  const { shard: _shard, ...manifest } = first.manifest;
  return { manifest, rows: rows.sort((a, b) => a.point - b.point) };
}
