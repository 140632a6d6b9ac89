// The one error of weight loading: names the file, where in it (JSON path), the layer when there is one, what is
// expected and what was found, in the form every input file's errors take. Nothing partial is returned when it
// is thrown.
import type { z } from 'zod';
import { formatPath, InputFileError, issue, shown, unknownKeyIssue, type HardwareIssue, valueAt } from '../../hw/errors.js';

export class WeightsFileError extends InputFileError {
  constructor(
    file: string,
    issues: HardwareIssue | readonly HardwareIssue[],
    /** The layer concerned (a network or file layer name), when there is one. */
    readonly layer?: string,
  ) {
    super(file, issues);
  }
}

/** A one-problem WeightsFileError: `file: jsonPath: expected ..., got ...`. */
export const weightsError = (file: string, jsonPath: string, expected: string, got: string, layer?: string): WeightsFileError =>
  new WeightsFileError(file, issue(jsonPath, expected, got), layer);

/**
 * The schema issues as one WeightsFileError, a line each. `expected(path)` says what the value at `path` must
 * be; `prefix` is prepended to the issues' paths (a sub-document's place in the file).
 */
export function schemaError(
  file: string,
  doc: unknown,
  zodIssues: readonly z.core.$ZodIssue[],
  expected: (path: readonly PropertyKey[]) => string,
  prefix: readonly PropertyKey[] = [],
): WeightsFileError {
  return new WeightsFileError(
    file,
    zodIssues.flatMap((found): HardwareIssue[] => {
      const path = [...prefix, ...found.path];
      if (found.code === 'unrecognized_keys') {
        return found.keys.map((key) => unknownKeyIssue(formatPath([...path, key]), key, expected(path)));
      }
      return [issue(formatPath(path), expected(path), shown(valueAt(doc, found.path)))];
    }),
  );
}
