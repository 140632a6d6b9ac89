// Putting several files into one directory all together or not at all (as far as one process can).
import fs from 'node:fs';
import path from 'node:path';

let serial = 0;

function quietly(action: () => void): void {
  try {
    action();
  } catch {
    // best effort while undoing; the first error is the one reported
  }
}

/** A file's name in the directory and its contents (text, or bytes such as a weights shard). */
export type FileContent = readonly [string, string | Uint8Array];

/**
 * Writes every `[name, contents]` of `files` into `dir` (created if missing). Each text goes to a temp name in `dir`
 * first; only when all temps are written are same-named old files moved aside and the temps renamed into place.
 * On any error, everything this call created is removed, old files are moved back, and the error is rethrown.
 * Returns the paths written, in the order given.
 */
export function writeFileSet(dir: string, files: readonly FileContent[]): string[] {
  const created = fs.mkdirSync(dir, { recursive: true });
  const tag = `${process.pid}-${serial++}`;
  const temps: string[] = [];
  const backups: [string, string][] = []; // [target, backup]
  const placed: string[] = [];
  try {
    for (const [name, text] of files) {
      const tmp = path.join(dir, `.${name}.${tag}.tmp`);
      temps.push(tmp);
      fs.writeFileSync(tmp, text, { flag: 'wx' });
    }
    for (const [name] of files) {
      const target = path.join(dir, name);
      if (!fs.existsSync(target)) continue;
      const backup = path.join(dir, `.${name}.${tag}.old`);
      fs.renameSync(target, backup);
      backups.push([target, backup]);
    }
    files.forEach(([name], i) => {
      const target = path.join(dir, name);
      fs.renameSync(temps[i], target);
      placed.push(target);
    });
  } catch (err) {
    for (const p of [...placed, ...temps]) quietly(() => fs.rmSync(p, { force: true }));
    for (const [target, backup] of backups) quietly(() => fs.renameSync(backup, target));
    if (created !== undefined) removeEmptyDirs(dir, created);
    throw err;
  }
  for (const [, backup] of backups) quietly(() => fs.rmSync(backup, { force: true }));
  return placed;
}

/** Removes `dir` and its parents up to `top` (the first directory mkdir created), stopping at a non-empty one. */
function removeEmptyDirs(dir: string, top: string): void {
  let d = path.resolve(dir);
  const stop = path.resolve(top);
  for (;;) {
    try {
      fs.rmdirSync(d);
    } catch {
      return;
    }
    if (d === stop) return;
    d = path.dirname(d);
  }
}
