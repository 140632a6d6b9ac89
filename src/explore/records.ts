// sweep.jsonl as the record of truth: rows are appended one line at a time as points finish, so a run killed
// at any moment leaves every finished point on disk; at worst its last line is cut short, and that partial
// line is dropped (and cut off the file) when the sweep is resumed.
import fs from 'node:fs';
import type { SweepRow } from './row.js';

export class RecordsError extends Error {
  override readonly name = 'RecordsError';
}

function isRow(v: unknown): v is SweepRow {
  const r = v as SweepRow;
  return (
    typeof r === 'object' &&
    r !== null &&
    Number.isInteger(r.point) &&
    (r.status === 'ok' || r.status === 'invalid') &&
    typeof r.params === 'object' &&
    r.params !== null &&
    (r.status === 'invalid' || typeof r.totals === 'object')
  );
}

export interface ReadRecords {
  readonly rows: SweepRow[];
  /** Bytes of the file up to the end of its last complete line. */
  readonly completeBytes: number;
}

/** The complete rows of a sweep.jsonl (first occurrence of each point); a missing file has none. */
export function readRecords(file: string): ReadRecords {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { rows: [], completeBytes: 0 };
    throw err;
  }
  const end = text.lastIndexOf('\n') + 1;
  const seen = new Set<number>();
  const rows: SweepRow[] = [];
  text
    .slice(0, end)
    .split('\n')
    .forEach((line, i) => {
      if (line === '') return;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        throw new RecordsError(
          `${file}: line ${i + 1} is not JSON; the file was edited or corrupted: restore it or start the sweep in a new --out folder`,
        );
      }
      if (!isRow(row)) throw new RecordsError(`${file}: line ${i + 1} is not a sweep row (point, params, status, totals)`);
      if (seen.has(row.point)) return;
      seen.add(row.point);
      rows.push(row);
    });
  return { rows, completeBytes: Buffer.byteLength(text.slice(0, end)) };
}

/** Cuts a partial last line off, so that appended rows start on a line of their own. */
export function dropPartialLine(file: string, completeBytes: number): void {
  if (fs.existsSync(file) && fs.statSync(file).size !== completeBytes) fs.truncateSync(file, completeBytes);
}
