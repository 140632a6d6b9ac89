// Putting several files into one directory all together or not at all (as far as one process can).
import fs from 'node:fs';
import path from 'node:path';
import { makeFolder } from './outputFolder.js';

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
 * Writes every `[name, text]` of `files` into `dir` (created if missing). Each text goes to a temp name in `dir`
 * first; only when all temps are written is each renamed over its target, which replaces the old file in one
 * step, so a file is never missing, even if the process is killed half-way. The old files are kept as hard
 * links until the end: on any error, everything this call created is removed, the old files are put back,
 * and the error is rethrown. Returns the paths written, in the order given.
 */
export function writeFileSet(dir: string, files: readonly FileContent[]): string[] {
  const created = makeFolder(dir);
  const tag = `${process.pid}-${serial++}`;
  const temps: string[] = [];
  const backups = new Map<string, string>(); // target -> backup
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
      keepCopy(target, backup);
      backups.set(target, backup);
    }
    files.forEach(([name], i) => {
      const target = path.join(dir, name);
      fs.renameSync(temps[i], target);
      placed.push(target);
    });
  } catch (err) {
    for (const p of placed) quietly(() => (backups.has(p) ? fs.renameSync(backups.get(p)!, p) : fs.rmSync(p, { force: true })));
    for (const p of [...temps, ...backups.values()]) quietly(() => fs.rmSync(p, { force: true }));
    if (created !== undefined) removeEmptyDirs(dir, created);
    throw err;
  }
  for (const backup of backups.values()) quietly(() => fs.rmSync(backup, { force: true }));
  return placed;
}

/** A second name for the file (a hard link), or a copy where the file system has no hard links. */
function keepCopy(file: string, copy: string): void {
  try {
    fs.linkSync(file, copy);
  } catch {
    fs.copyFileSync(file, copy);
  }
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
