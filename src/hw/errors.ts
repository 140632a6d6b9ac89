// The one error a hardware file can produce. Each problem is a line "file: json.path: what is wrong", so the
// CLI can print the message as is and the designer knows where to look and what to write instead.

export interface HardwareIssue {
  /** Dotted path into the file (`glb.capacityBytes`, `glb.bypass[0]`), `$` for the file as a whole. */
  readonly jsonPath: string;
  /** What a correct value looks like, or how to fix the problem. */
  readonly expected: string;
  /** The full explanation printed after the path, usually "expected ..., got ...". */
  readonly text: string;
}

export class HardwareFileError extends Error {
  readonly file: string;
  readonly jsonPath: string;
  readonly expected: string;
  /** Every problem found; `jsonPath` and `expected` repeat the first one. */
  readonly issues: readonly HardwareIssue[];

  constructor(file: string, issues: readonly HardwareIssue[]) {
    if (issues.length === 0) throw new Error('HardwareFileError needs at least one issue');
    super(issues.map((issue) => `${file}: ${issue.jsonPath}: ${issue.text}`).join('\n'));
    this.name = 'HardwareFileError';
    this.file = file;
    this.jsonPath = issues[0].jsonPath;
    this.expected = issues[0].expected;
    this.issues = issues;
  }
}

const MAX_SHOWN = 60;

/** How a found value is shown after "got". */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 3)}...` : text;
}

export const issue = (jsonPath: string, expected: string, got: string): HardwareIssue => ({
  jsonPath,
  expected,
  text: `expected ${expected}, got ${got}`,
});

/** `['glb', 'bypass', 0]` -> `glb.bypass[0]`; the root is `$`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    text += typeof segment === 'number' ? `[${segment}]` : `${text === '' ? '' : '.'}${String(segment)}`;
  }
  return text === '' ? '$' : text;
}
