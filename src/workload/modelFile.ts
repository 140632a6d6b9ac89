// Loads a user's model from JSON. The file is validated at the boundary: every problem becomes one
// ModelFileError that names the file, the JSON path and what is expected, and nothing partial is returned.
import { z } from 'zod';
import { formatPath, InputFileError, issue, shown, unknownKeyIssue, type HardwareIssue, valueAt } from '../hw/errors.js';
import { readJsonFile } from '../hw/json.js';
import { layerMacs, makeLayer, outputSize, type LayerShape, type Network } from './layer.js';

/** A bad model file; each problem a line `file: json.path: expected ..., got ...` (as every input file's). */
export class ModelFileError extends InputFileError {}

export interface ModelDescription {
  readonly name: string;
  readonly layers: readonly LayerShape[];
}

/**
 * The largest value of any layer dimension (C, M, H, W, R, S, stride, padding, groups): far beyond any real
 * network (VGG's 4096 channels), small enough that one product of a few dimensions stays exact.
 */
export const MAX_DIMENSION = 2 ** 20;
/**
 * MACs of one layer at the run's batch: RF accesses, the largest counts, are a few per MAC, and the run sums
 * its layers, so 2^50 keeps every count below 2^53, where doubles stop counting exactly.
 */
export const MAX_LAYER_MACS = 2 ** 50;

const positive = z.int().positive().max(MAX_DIMENSION);

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
  padding: z.int().nonnegative().max(MAX_DIMENSION).default(0),
  groups: positive.default(1),
});

const modelSchema = z.strictObject({
  name: z.string().min(1),
  layers: z.array(layerSchema).min(1),
});

/** What each field must hold, for the "expected" part of a message. */
const EXPECTED: Record<string, string> = {
  name: 'a non-empty string',
  kind: '"conv" or "fc" (default "conv")',
  layers: 'a non-empty array of layer objects',
  stride: `a positive integer up to ${MAX_DIMENSION} (default 1)`,
  padding: `a non-negative integer up to ${MAX_DIMENSION} (default 0)`,
  groups: `a positive integer dividing both C and M (default 1)`,
};
const expected = (key: string): string => EXPECTED[key] ?? `a positive integer up to ${MAX_DIMENSION}`;
const LAYER_OBJECT = 'a layer object {"name", "C", "M", "H", "W", "R", "S"} plus optional kind, stride, padding, groups';

function issuesOf(doc: unknown, zodIssue: z.core.$ZodIssue): HardwareIssue[] {
  const at = formatPath(zodIssue.path);
  if (zodIssue.code === 'unrecognized_keys') {
    const allowed = zodIssue.path.length === 0 ? modelSchema.keyof().options : layerSchema.keyof().options;
    return zodIssue.keys.map((key) =>
      unknownKeyIssue(formatPath([...zodIssue.path, key]), key, `one of the keys ${allowed.join(', ')}`, allowed),
    );
  }
  const last = zodIssue.path[zodIssue.path.length - 1];
  const value = valueAt(doc, zodIssue.path);
  if (last === undefined)
    return [issue(at, 'a model object {"name": "...", "layers": [{"name", "C", "M", "H", "W", "R", "S"}, ...]}', shown(value))];
  if (typeof last === 'number') return [issue(at, LAYER_OBJECT, shown(value))];
  return [issue(at, expected(String(last)), shown(value))];
}

/** Every schema problem, one line each (as a hardware file's). */
const schemaError = (file: string, doc: unknown, zodIssues: readonly z.core.$ZodIssue[]): ModelFileError =>
  new ModelFileError(
    file,
    zodIssues.flatMap((found) => issuesOf(doc, found)),
  );

/** Semantic checks the schema cannot express; each error names the layer's field to change. */
function checkShapes(file: string, layers: readonly LayerShape[], batch: number): void {
  const firstIndex = new Map<string, number>();
  const fail = (jsonPath: string, want: string, got: string): never => {
    throw new ModelFileError(file, issue(jsonPath, want, got));
  };
  layers.forEach((l, i) => {
    const at = (field: string): string => `layers[${i}].${field}`;
    const seen = firstIndex.get(l.name);
    if (seen !== undefined) fail(at('name'), 'a name no other layer has', `"${l.name}" again (layers[${seen}] has it)`);
    firstIndex.set(l.name, i);
    if (l.C % l.groups !== 0 || l.M % l.groups !== 0) {
      fail(at('groups'), `a number of groups dividing both C = ${l.C} and M = ${l.M} (groups = C for a depthwise conv)`, String(l.groups));
    }
    for (const [k, size, field, input] of [
      [l.R, l.H, 'R', 'H'],
      [l.S, l.W, 'S', 'W'],
    ] as const) {
      if (outputSize(size, k, l.stride, l.padding) < 1) {
        fail(
          at(field),
          `at most ${input} + 2 x padding = ${size + 2 * l.padding} (layer "${l.name}"'s padded input), or more padding`,
          String(k),
        );
      }
    }
    if (l.kind === 'fc' && (l.R !== l.H || l.S !== l.W || l.padding !== 0 || l.stride !== 1)) {
      fail(
        at('R'),
        `R = H = ${l.H}, S = W = ${l.W}, padding 0 and stride 1 (an fc layer covers its whole input), or kind "conv"`,
        `R ${l.R}, S ${l.S}, padding ${l.padding}, stride ${l.stride}`,
      );
    }
    const macs = layerMacs(makeLayer(l, batch));
    if (macs > MAX_LAYER_MACS) {
      fail(
        `layers[${i}]`,
        `a layer of at most 2^50 MACs at batch ${batch} (counts beyond 2^53 are not exact: fewer channels, a smaller input or a smaller --batch)`,
        `${macs.toPrecision(3)} MACs (layer "${l.name}")`,
      );
    }
  });
}

/** Validates an already-parsed JSON document for a run at `batch`; `file` is only used in messages. */
export function parseModel(doc: unknown, file: string, batch = 1): ModelDescription {
  const parsed = modelSchema.safeParse(doc);
  if (!parsed.success) throw schemaError(file, doc, parsed.error.issues);
  checkShapes(file, parsed.data.layers, batch);
  return parsed.data;
}

export function readModelFile(file: string, batch = 1): ModelDescription {
  const parsed = readJsonFile(file, 'a readable model JSON file (e.g. models/example-small.json)');
  if (!parsed.ok) throw new ModelFileError(file, parsed.issue);
  return parseModel(parsed.value, file, batch);
}

/** Reads, validates and instantiates a model file for batch size `batch` (makeLayer derives E and F). */
export function loadModelFile(file: string, batch: number): Network {
  const model = readModelFile(file, batch);
  return { name: model.name, layers: model.layers.map((shape) => makeLayer(shape, batch)) };
}
