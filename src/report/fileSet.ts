// Putting several files into one directory all together or not at all (as far as one process can), and taking
// out the files an earlier dkm-sim run put there that this one does not write again (fileRecord.ts).
import fs from 'node:fs';
import path from 'node:path';
import { readRecord, RECORD_FILE, recordJson, sha256, stillWritten } from './fileRecord.js';
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

export interface FileSetOptions {
  /** Files of this run already in the directory that this call leaves as they are (e.g. an input read from there). */
  readonly keep?: readonly string[];
  /** Files (written now or kept) the run appends to after this call: recorded as the run's whatever their bytes. */
  readonly growing?: readonly string[];
}

/**
 * Writes every `[name, text]` of `files` into `dir` (created if missing). Each text goes to a temp name in `dir`
 * first; only when all temps are written is each renamed over its target, which replaces the old file in one
 * step, so a file is never missing, even if the process is killed half-way. Then the files the previous run's
 * record names and this call neither writes nor keeps are taken out (if unchanged since), and the new record
 * goes in last. Old and removed files are kept as hard links until the end: on any error, everything this call
 * created is removed, the old files are put back, and the error is rethrown. Returns the paths written, in the
 * order given.
 */
export function writeFileSet(dir: string, files: readonly FileContent[], o: FileSetOptions = {}): string[] {
  const created = makeFolder(dir);
  const tag = `${process.pid}-${serial++}`;
  const previous = readRecord(dir);
  const keep = new Set(o.keep ?? []);
  const growing = new Set(o.growing ?? []);
  const record = new Map<string, string | null>(files.map(([name, text]) => [name, growing.has(name) ? null : sha256(text)]));
  for (const name of keep) {
    if (record.has(name)) continue;
    if (growing.has(name)) record.set(name, null);
    else if (stillWritten(dir, name, null)) record.set(name, sha256(fs.readFileSync(path.join(dir, name))));
  }
  const stale = [...previous]
    .filter(([name, hash]) => !record.has(name) && !keep.has(name) && stillWritten(dir, name, hash))
    .map(([name]) => name);
  const all: FileContent[] = [...files, [RECORD_FILE, recordJson(record)]];
  const temps: string[] = [];
  const backups = new Map<string, string>(); // target -> backup
  const placed: string[] = [];
  const removed: string[] = [];
  const backupOf = (name: string) => path.join(dir, `.${name}.${tag}.old`);
  try {
    for (const [name, text] of all) {
      const tmp = path.join(dir, `.${name}.${tag}.tmp`);
      temps.push(tmp);
      fs.writeFileSync(tmp, text, { flag: 'wx' });
    }
    for (const [name] of all) {
      const target = path.join(dir, name);
      if (!fs.existsSync(target)) continue;
      keepCopy(target, backupOf(name));
      backups.set(target, backupOf(name));
    }
    const place = (i: number) => {
      const target = path.join(dir, all[i][0]);
      fs.renameSync(temps[i], target);
      placed.push(target);
    };
    for (let i = 0; i < files.length; i++) place(i);
    for (const name of stale) {
      fs.renameSync(path.join(dir, name), backupOf(name));
      removed.push(name);
    }
    place(files.length); // the record last: it names only what is in place
  } catch (err) {
    for (const p of placed) quietly(() => (backups.has(p) ? fs.renameSync(backups.get(p)!, p) : fs.rmSync(p, { force: true })));
    for (const name of removed) quietly(() => fs.renameSync(backupOf(name), path.join(dir, name)));
    for (const p of [...temps, ...backups.values()]) quietly(() => fs.rmSync(p, { force: true }));
    if (created !== undefined) removeEmptyDirs(dir, created);
    throw err;
  }
  for (const backup of [...backups.values(), ...removed.map(backupOf)]) quietly(() => fs.rmSync(backup, { force: true }));
  return placed.slice(0, files.length);
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
