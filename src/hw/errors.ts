// The one error a hardware file can produce, and the form the other input files' errors share. Each problem is a
// line "file: json.path: what is wrong", so the CLI can print the message as is and the designer knows where to
// look and what to write instead.
import { closest } from './suggest.js';

export interface HardwareIssue {
  /** Dotted path into the file (`glb.capacityBytes`, `glb.bypass[0]`), `$` for the file as a whole. */
  readonly jsonPath: string;
  /** What a correct value looks like, or how to fix the problem. */
  readonly expected: string;
  /** The full explanation printed after the path, usually "expected ..., got ...". */
  readonly text: string;
}

/**
 * A bad input file, in the one form every file's errors take (hardware, model, mapping and weights files): a line
 * `file: json.path: expected ..., got ...` per problem.
 */
export class InputFileError extends Error {
  readonly file: string;
  readonly jsonPath: string;
  readonly expected: string;
  /** Every problem found; `jsonPath` and `expected` repeat the first one. */
  readonly issues: readonly HardwareIssue[];

  constructor(file: string, issues: HardwareIssue | readonly HardwareIssue[]) {
    const all: readonly HardwareIssue[] = 'jsonPath' in issues ? [issues] : issues;
    if (all.length === 0) throw new Error(`${new.target.name} needs at least one issue`);
    super(all.map((found) => `${file}: ${found.jsonPath}: ${found.text}`).join('\n'));
    this.name = new.target.name;
    this.file = file;
    this.jsonPath = all[0].jsonPath;
    this.expected = all[0].expected;
    this.issues = all;
  }
}

export class HardwareFileError extends InputFileError {}

const MAX_SHOWN = 60;

/** How a found value is shown after "got". */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  // JSON has no form for a function or a symbol: name its kind.
  const text = JSON.stringify(value) ?? `a ${typeof value}`;
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 3)}...` : text;
}

export const issue = (jsonPath: string, expected: string, got: string): HardwareIssue => ({
  jsonPath,
  expected,
  text: `expected ${expected}, got ${got}`,
});

/**
 * A key the file's schema does not know: "did you mean" the closest of `allowed` when one is a plausible typo,
 * else what the place expects.
 */
export function unknownKeyIssue(jsonPath: string, key: string, expected: string, allowed: readonly string[] = []): HardwareIssue {
  const hint = closest(key, allowed);
  return hint
    ? { jsonPath, expected: hint, text: `unknown key; did you mean ${hint}?` }
    : { jsonPath, expected, text: `unknown key; expected ${expected}` };
}

/** The value at `path` (keys and indices) in a parsed JSON document; undefined where the path leaves it. */
export function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = doc;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** `['glb', 'bypass', 0]` -> `glb.bypass[0]`; the root is `$`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    text += typeof segment === 'number' ? `[${segment}]` : `${text === '' ? '' : '.'}${String(segment)}`;
  }
  return text === '' ? '$' : text;
}
