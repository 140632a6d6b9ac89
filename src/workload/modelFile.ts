// Loads a user's model from JSON. The file is validated at the boundary: every problem becomes one
// ModelFileError that names the file, the JSON path and how to fix it, and nothing partial is returned.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { makeLayer, outputSize, type LayerShape, type Network } from './layer.js';

export class ModelFileError extends Error {
  constructor(
    readonly file: string,
    /** Where in the document, e.g. `layers[3].R`; '' for the document as a whole. */
    readonly jsonPath: string,
    problem: string,
    fix: string,
  ) {
    super(`${file}${jsonPath === '' ? '' : ` at ${jsonPath}`}: ${problem}. Fix: ${fix}.`);
    this.name = 'ModelFileError';
  }
}

export interface ModelDescription {
  readonly name: string;
  readonly layers: readonly LayerShape[];
}

const positive = z.int().positive();

const layerSchema = z.strictObject({
  name: z.string().min(1),
  kind: z.enum(['conv', 'fc']).default('conv'),
  C: positive,
  M: positive,
  H: positive,
  W: positive,
  R: positive,
  S: positive,
  stride: positive.default(1),
  padding: z.int().nonnegative().default(0),
  groups: positive.default(1),
});

const modelSchema = z.strictObject({
  name: z.string().min(1),
  layers: z.array(layerSchema).min(1),
});

/** What each field must hold, for the "Fix:" part of a message. */
const EXPECTED: Record<string, string> = {
  name: 'a non-empty string',
  kind: '"conv" or "fc" (default "conv")',
  layers: 'a non-empty array of layer objects',
  stride: 'a positive integer (default 1)',
  padding: 'a non-negative integer (default 0)',
  groups: 'a positive integer dividing both C and M (default 1)',
};
const expected = (key: string): string => EXPECTED[key] ?? 'a positive integer';

/** `['layers', 3, 'R']` -> `layers[3].R`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`)).join('');
}

function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = doc;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

function schemaError(file: string, doc: unknown, issues: z.ZodError['issues']): ModelFileError {
  const issue = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  const jsonPath = formatJsonPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const allowed = issue.path.length === 0 ? modelSchema.keyof().options : layerSchema.keyof().options;
    return new ModelFileError(file, jsonPath, `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}${more}`,
      `remove or rename them; allowed fields are ${allowed.join(', ')}`);
  }
  const last = issue.path[issue.path.length - 1];
  const value = valueAt(doc, issue.path);
  if (last === undefined) {
    return new ModelFileError(file, jsonPath, `the document is ${JSON.stringify(value)?.slice(0, 40)}, not a model object`,
      'write an object {"name": "...", "layers": [{"name", "C", "M", "H", "W", "R", "S"}, ...]}');
  }
  if (typeof last === 'number') {
    return new ModelFileError(file, jsonPath, `${JSON.stringify(value)} is not a layer object${more}`,
      'write the layer as {"name", "C", "M", "H", "W", "R", "S"} plus optional kind, stride, padding, groups');
  }
  const key = String(last);
  if (value === undefined) {
    return new ModelFileError(file, jsonPath, `required field "${key}" is missing${more}`, `add "${key}": ${expected(key)}`);
  }
  return new ModelFileError(file, jsonPath, `${JSON.stringify(value)} is not valid (${issue.message})${more}`,
    `make "${key}" ${expected(key)}`);
}

/** Semantic checks the schema cannot express; each error names the layer and the field to change. */
function checkShapes(file: string, layers: readonly LayerShape[]): void {
  const firstIndex = new Map<string, number>();
  layers.forEach((l, i) => {
    const at = (field: string): string => `layers[${i}].${field}`;
    const seen = firstIndex.get(l.name);
    if (seen !== undefined) {
      throw new ModelFileError(file, at('name'), `layer name "${l.name}" is used twice (layers[${seen}] and layers[${i}])`,
        'give every layer a unique name');
    }
    firstIndex.set(l.name, i);
    if (l.C % l.groups !== 0 || l.M % l.groups !== 0) {
      throw new ModelFileError(file, at('groups'), `layer "${l.name}": C=${l.C} and M=${l.M} are not both divisible by groups=${l.groups}`,
        'choose groups dividing both C and M (groups = C for a depthwise conv)');
    }
    for (const [k, size, field] of [[l.R, l.H, 'R'], [l.S, l.W, 'S']] as const) {
      if (outputSize(size, k, l.stride, l.padding) < 1) {
        throw new ModelFileError(file, at(field), `layer "${l.name}": filter ${field}=${k} is larger than the padded input ${size} + 2*${l.padding}`,
          `make ${field} <= ${size + 2 * l.padding} or increase padding`);
      }
    }
    if (l.kind === 'fc' && (l.R !== l.H || l.S !== l.W || l.padding !== 0 || l.stride !== 1)) {
      throw new ModelFileError(file, at('R'), `layer "${l.name}": an fc layer must cover its whole input (R = H, S = W, padding 0, stride 1)`,
        `set R=${l.H}, S=${l.W}, padding 0, stride 1, or make it kind "conv"`);
    }
  });
}

/** Validates an already-parsed JSON document; `file` is only used in messages. */
export function parseModel(doc: unknown, file: string): ModelDescription {
  const parsed = modelSchema.safeParse(doc);
  if (!parsed.success) throw schemaError(file, doc, parsed.error.issues);
  checkShapes(file, parsed.data.layers);
  return parsed.data;
}

export function readModelFile(file: string): ModelDescription {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ModelFileError(file, '', `cannot read the file (${(e as Error).message})`, 'check the path');
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ModelFileError(file, '', `not valid JSON (${(e as Error).message})`,
      'correct the syntax; the file must be {"name": ..., "layers": [...]}');
  }
  return parseModel(doc, file);
}

/** Reads, validates and instantiates a model file for batch size `batch` (makeLayer derives E and F). */
export function loadModelFile(file: string, batch: number): Network {
  const model = readModelFile(file);
  return { name: model.name, layers: model.layers.map((shape) => makeLayer(shape, batch)) };
}
