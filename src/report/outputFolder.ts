// The output folder, checked before any work (a run that fails at the end because --out names a file wastes
// minutes of k-means) and created without fs.mkdirSync's recursive mode, which loops for ever on paths such
// as /proc/x/y where every mkdir answers "no such file or directory".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** An output folder that cannot be used; the message names the option, the path and what to do. */
export class OutputFolderError extends Error {
  override readonly name = 'OutputFolderError';
}

/** The nearest folder on the way up from `dir` that exists (dir itself if it does). */
function nearestExisting(dir: string): string {
  let d = dir;
  while (!fs.existsSync(d) && path.dirname(d) !== d) {
    // A dangling symlink "does not exist" for existsSync but is there: it must not be walked past.
    if (isLink(d)) return d;
    d = path.dirname(d);
  }
  return d;
}

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Throws OutputFolderError unless `dir` is, or can be made, a folder this process can write files into. */
export function checkOutputFolder(dir: string, option = '--out'): void {
  const fail = (why: string): never => {
    throw new OutputFolderError(`${option} ${JSON.stringify(dir)}: ${why}`);
  };
  if (dir.trim() === '') fail('an empty path; give a folder, e.g. results/my-run');
  const full = path.resolve(dir);
  const existing = nearestExisting(full);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(existing);
  } catch {
    return fail(`${existing} is a symbolic link to nothing; remove it or give another folder`);
  }
  if (!stat.isDirectory()) {
    fail(
      existing === full
        ? 'is not a folder (a file of that name exists); give a folder'
        : `${existing} is a file, not a folder, so nothing can be created inside it`,
    );
  }
  // Creating something is the one test that holds for read-only file systems, /proc and missing permissions.
  let probe: string;
  try {
    probe = fs.mkdtempSync(path.join(existing, '.dkm-sim-probe-'));
  } catch (err) {
    return fail(
      `cannot create files in ${existing} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); give a folder you can write to, e.g. ${path.join(os.tmpdir(), 'dkm-sim')}`,
    );
  }
  fs.rmdirSync(probe);
}

/** Creates `dir` and its missing parents one by one; returns the first folder it created (undefined if none). */
export function makeFolder(dir: string): string | undefined {
  const full = path.resolve(dir);
  const missing: string[] = [];
  for (let d = full; !fs.existsSync(d); d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing) fs.mkdirSync(d);
  return missing[0];
}
