// Turning zod's issues into the loader's, and pointing every issue at what the designer actually wrote.
import type * as z from 'zod';
import { formatPath, issue, shown, unknownKeyIssue, type HardwareIssue } from './errors.js';
import { allowedKeys } from './schema.js';

/**
 * The part of `path` present in the file. Shorthands (`"glb": 6`) are expanded before validation, so a
 * problem found at `energy.glb.read` belongs to `energy.glb`, where the one value was written.
 */
export function writtenAt(json: unknown, path: readonly PropertyKey[]): readonly PropertyKey[] {
  let node = json;
  for (let i = 0; i < path.length; i++) {
    if (typeof node !== 'object' || node === null) return typeof node === 'undefined' ? path : path.slice(0, i);
    node = (node as Record<PropertyKey, unknown>)[path[i]];
  }
  return path;
}

function unknownKeys(zodIssue: z.core.$ZodIssueUnrecognizedKeys, json: unknown): HardwareIssue[] {
  const allowed = allowedKeys(zodIssue.path);
  const expected = `one of the keys ${allowed.join(', ')}`;
  return zodIssue.keys.map((key) => unknownKeyIssue(formatPath(writtenAt(json, [...zodIssue.path, key])), key, expected, allowed));
}

export function fromZod(zodIssues: readonly z.core.$ZodIssue[], json: unknown): HardwareIssue[] {
  return zodIssues.flatMap((zodIssue) =>
    zodIssue.code === 'unrecognized_keys'
      ? unknownKeys(zodIssue, json)
      : [issue(formatPath(writtenAt(json, zodIssue.path)), zodIssue.message, shown(zodIssue.input))],
  );
}
