// The one error of weight loading: names the file, where in it (JSON path), the layer when there is one,
// what is wrong and how to fix it. Nothing partial is returned when it is thrown.
import type { z } from 'zod';
import { formatJsonPath } from '../modelFile.js';

export class WeightsFileError extends Error {
  override readonly name = 'WeightsFileError';

  constructor(
    readonly file: string,
    /** Where in the JSON document, e.g. `layers[3].shape`; '' for the file as a whole. */
    readonly jsonPath: string,
    problem: string,
    fix: string,
    /** The layer concerned (a network or file layer name), when there is one. */
    readonly layer?: string,
  ) {
    super(`${file}${jsonPath === '' ? '' : ` at ${jsonPath}`}: ${problem}. Fix: ${fix}.`);
  }
}

function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = doc;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/**
 * The first schema issue as a WeightsFileError. `expected(path)` says what the value at `path` must be
 * (used in the "Fix:" part); `prefix` is prepended to the issue's path (a sub-document's place in the file).
 */
export function schemaError(
  file: string,
  doc: unknown,
  issues: z.ZodError['issues'],
  expected: (path: readonly PropertyKey[]) => string,
  prefix: readonly PropertyKey[] = [],
): WeightsFileError {
  const issue = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  const path = [...prefix, ...issue.path];
  const jsonPath = formatJsonPath(path);
  if (issue.code === 'unrecognized_keys') {
    return new WeightsFileError(file, jsonPath, `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}${more}`,
      `remove them (expected ${expected(path)})`);
  }
  const value = valueAt(doc, issue.path);
  const last = path[path.length - 1];
  if (value === undefined && last !== undefined) {
    return new WeightsFileError(file, jsonPath, `required field "${String(last)}" is missing${more}`,
      `add it: ${expected(path)}`);
  }
  const shown = JSON.stringify(value)?.slice(0, 60) ?? String(value);
  return new WeightsFileError(file, jsonPath, `${shown} is not valid (${issue.message})${more}`,
    `make it ${expected(path)}`);
}
