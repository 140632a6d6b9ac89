// JSON.parse with an error a designer can act on: line and column instead of a character offset, and a
// truncated file named as such rather than as "Unexpected end of JSON input". Every JSON input (hardware,
// model, mapping and weights files) is read through here, so their syntax errors read alike.
import { readFileSync } from 'node:fs';
import { findDuplicateKey } from './duplicateKeys.js';
import { issue, type HardwareIssue } from './errors.js';

export type JsonResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issue: HardwareIssue };

const EXPECTED = 'valid JSON (double-quoted keys and strings, commas between entries, no trailing commas or comments)';

function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

// V8 gives "... at position N" for most errors. For an unexpected token it quotes the source instead: all of
// it when short, else ten characters either side of the token, marked with "..." where it was cut.
const CONTEXT = 10;
const QUOTED = /^(Unexpected token '[\s\S]+?'), (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/;

function errorPosition(text: string, message: string): number | undefined {
  const at = / at position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  const quoted = QUOTED.exec(message);
  if (!quoted) return undefined;
  const [, , cutBefore, snippet, cutAfter] = quoted;
  if (cutBefore && cutAfter) {
    const start = text.indexOf(snippet);
    return start < 0 ? undefined : start + CONTEXT;
  }
  if (cutBefore) return text.length - snippet.length + CONTEXT;
  if (cutAfter) return snippet.length - CONTEXT;
  return undefined;
}

const reason = (message: string): string => QUOTED.exec(message)?.[1] ?? message.replace(/ in JSON at position \d+.*$/s, '');

export function parseJsonText(text: string): JsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const end = text.trimEnd().length;
    const position = errorPosition(text, message);
    if (end === 0) return { ok: false, issue: issue('$', EXPECTED, 'an empty file') };
    if (/end of JSON input/.test(message) || (position !== undefined && position >= end)) {
      const got = `a file that ends early at ${lineColumn(text, end)} (truncated? an unclosed brace, bracket or string)`;
      return { ok: false, issue: issue('$', EXPECTED, got) };
    }
    const where = position === undefined ? '' : ` at ${lineColumn(text, position)}`;
    return { ok: false, issue: issue('$', EXPECTED, `a syntax error${where}: ${reason(message)}`) };
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate) {
    const got = `it again at ${lineColumn(text, duplicate.position)}, which would silently replace the first value`;
    return { ok: false, issue: issue(duplicate.path, 'each key once in its object (delete one of the two)', got) };
  }
  return { ok: true, value };
}

/**
 * The JSON in `file` (a UTF-8 byte-order mark ignored), or the issue that stops it: unreadable (with
 * `readable`, what the file should be, as the expectation), empty, a syntax error, a repeated key.
 */
export function readJsonFile(file: string, readable: string): JsonResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const got = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : `a read error (${String(code ?? error)})`;
    return { ok: false, issue: issue('$', readable, got) };
  }
  return parseJsonText(text.replace(/^\uFEFF/, ''));
}
