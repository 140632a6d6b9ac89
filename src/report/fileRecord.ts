// The record a dkm-sim run keeps in its output folder of the files it wrote there, so that the next run into
// the same folder can remove what it does not write again (a folder holds exactly the last run's files) without
// ever touching a file dkm-sim did not write: only names in the record are candidates, and only while their
// bytes are still the ones recorded (a file a user edited or replaced is theirs now).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Hidden, so that a listing of the folder shows the run's files only. */
export const RECORD_FILE = '.dkm-sim-files.json';

/** File name -> SHA-256 of its bytes, or null for a file the run grows after writing it (sweep.jsonl). */
export type FileRecord = ReadonlyMap<string, string | null>;

export const sha256 = (bytes: string | Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A plain name inside the folder: never a path that could reach outside it, never the record itself. */
const plainName = (name: string): boolean => name !== '' && name !== '.' && name !== '..' && name !== RECORD_FILE && !/[/\\\0]/.test(name);

/** The record in `dir`; an absent, unreadable or malformed one (or a malformed entry) counts as no record. */
export function readRecord(dir: string): FileRecord {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(path.join(dir, RECORD_FILE), 'utf8'));
  } catch {
    return new Map();
  }
  const files = (doc as { files?: unknown } | null)?.files;
  if (files === null || typeof files !== 'object' || Array.isArray(files)) return new Map();
  return new Map(
    Object.entries(files as Record<string, unknown>).filter(
      (e): e is [string, string | null] => plainName(e[0]) && (e[1] === null || (typeof e[1] === 'string' && /^[0-9a-f]{64}$/.test(e[1]))),
    ),
  );
}

/** The record's text: the names in the order given, so that the same run writes the same bytes. */
export function recordJson(record: FileRecord): string {
  const doc = {
    tool: 'dkm-sim',
    about:
      'the files the last dkm-sim run wrote in this folder (SHA-256 of their bytes, null: grown after writing); ' +
      'the next run removes those it does not write again, unless they were changed since',
    files: Object.fromEntries(record),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Whether `name` in `dir` is still the file a dkm-sim run wrote: a regular file (not a folder, not a link) whose
 * bytes hash to the recorded value (any bytes for a grown file).
 */
export function stillWritten(dir: string, name: string, hash: string | null): boolean {
  if (!plainName(name)) return false;
  const file = path.join(dir, name);
  try {
    if (!fs.lstatSync(file).isFile()) return false;
    return hash === null || sha256(fs.readFileSync(file)) === hash;
  } catch {
    return false;
  }
}
