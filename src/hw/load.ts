// Loading a hardware file: read, parse JSON, validate the raw shape (zod), evaluate expressions and check
// each final value against its field's rule, build the HardwareSpec and check the rules between fields. Every failure is a HardwareFileError
// listing all problems of the first stage that had any: later stages cannot run on a malformed file.
import type { HardwareSpec } from './spec.js';
import { HardwareFileError, type HardwareIssue } from './errors.js';
import { parseJsonText, readJsonFile } from './json.js';
import { RawHardwareSchema, type RawHardware } from './schema.js';
import { fromZod, writtenAt } from './issues.js';
import { evaluateFields, type FieldTarget } from './expressions.js';
import { NUMERIC_FIELDS, conform, type NumericPath } from './fields.js';
import { assembleSpec, numericLeaves } from './assemble.js';
import { consistencyIssues } from './consistency.js';

export { HardwareFileError, type HardwareIssue } from './errors.js';

function targetOf(path: NumericPath, raw: RawHardware): FieldTarget {
  const rule = NUMERIC_FIELDS[path];
  const field = { conform: (value: number) => conform(rule, value), expected: rule.expected };
  if (rule.unit !== 'energy') return { ...field, unit: rule.unit };
  if (raw.energy.unit === 'pJ') return { ...field, unit: 'pJ' };
  return { ...field, plainBecause: 'energy.unit is "MAC", so energies are multiples of one MAC; use "pJ" for quantities in pJ' };
}

/** Each issue once: an expanded shorthand (`"rf": -1`) fails at every copy but was written in one place. */
function unique(issues: readonly HardwareIssue[]): HardwareIssue[] {
  const seen = new Map(issues.map((found) => [`${found.jsonPath}\n${found.text}`, found]));
  return [...seen.values()];
}

/** Evaluation issues name leaves (`energy.glb.read`); point them at what was written (`energy.glb`). */
const located = (issues: readonly HardwareIssue[], json: unknown): HardwareIssue[] =>
  issues.map((found) => ({ ...found, jsonPath: writtenAt(json, found.jsonPath.split('.')).join('.') }));

/** The spec described by `text`; `file` only names the source in error messages. Throws HardwareFileError. */
export function parseHardware(text: string, file: string): HardwareSpec {
  const parsed = parseJsonText(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) throw new HardwareFileError(file, [parsed.issue]);
  return hardwareFromJson(parsed.value, file);
}

/** The spec described by an already parsed JSON value (e.g. a file with some fields replaced by a sweep). */
export function hardwareFromJson(json: unknown, file: string): HardwareSpec {
  const validated = RawHardwareSchema.safeParse(json, { reportInput: true });
  if (!validated.success) throw new HardwareFileError(file, unique(fromZod(validated.error.issues, json)));
  const raw = validated.data;
  const { values, issues } = evaluateFields(numericLeaves(raw), (path) => targetOf(path as NumericPath, raw));
  if (issues.length > 0) throw new HardwareFileError(file, unique(located(issues, json)));
  const spec = assembleSpec(raw, values as ReadonlyMap<NumericPath, number>);
  const inconsistent = consistencyIssues(spec);
  if (inconsistent.length > 0) throw new HardwareFileError(file, inconsistent);
  return spec;
}

/** The spec in the JSON file `file` (the README's "The hardware file" describes every field). Throws HardwareFileError. */
export function loadHardware(file: string): HardwareSpec {
  const parsed = readJsonFile(file, 'a readable hardware JSON file (e.g. hardware/eyeriss.json)');
  if (!parsed.ok) throw new HardwareFileError(file, [parsed.issue]);
  return hardwareFromJson(parsed.value, file);
}
