// The RAW hardware JSON file, before expressions are evaluated. Every object is strict so a typo in a key is an
// error rather than a silently ignored field. Each zod `error` text completes "expected ...": the loader adds
// the JSON path and what was actually found.
//
// Defaults (applied before expressions are evaluated, so expressions may reference them):
//   description ""           wordBits 16              clockMHz 200
//   glb.banks 1              glb.wordsPerCyclePerBank 4
//   glb.bypass []            glb.doubleBuffer false
//   noc.multicast true       noc.wordsPerCycle.{ifmap,filter,psum} 4
//   prefetch.glb.{ifmap,filter,psum} 0   prefetch.filterSpad false   (nothing is loaded ahead)
//   weightSharing.codebookLocation "codebookRf"   weightSharing.codebookRfWords rf.filterWords
//   weightSharing.glbCodebookBytes glb.capacityBytes   weightSharing.maxIndexBits 32
//   weightSharing.executions ["pe-streamed", "pe-resident", "glb", "dense"] (every way to run a shared layer)
//   weightSharing.rowReuse true (PEs share the 1-D convolution of rows naming the same centroid)
//   energy.codebookLookup energy.rf.filter.read   energy.psumAdd energy.mac / 9
//     (a psum addition is the accumulating adder of a MAC: 32 of the 288 full adders of a 16 x 16-bit MAC)
// Shorthands (expanded here, so the rest of the loader only sees the full form):
//   energy.rf: x             -> every rf entry (3 data types x read/write) is x
//   energy.rf.<type>: x      -> read = write = x      (same for energy.glb and energy.dram)
//   area.spadMm2PerWord: x   -> the same area for every scratchpad word (ifmap, filter, psum)
// The `area` section is optional as a whole; when present, every field in it is required (an area left out
// would silently read as zero).
import * as z from 'zod';
import { DATA_TYPES, DEFAULT_WORD_BITS, SHARED_EXECUTIONS } from './spec.js';
import { NUMERIC_FIELDS, conform, type NumericPath } from './fields.js';

/** A numeric leaf: a JSON number (checked here) or a string (an expression or quantity, checked once evaluated). */
const num = (path: NumericPath) => {
  const rule = NUMERIC_FIELDS[path];
  const expected = `${rule.expected}, as a number or an expression string`;
  return z
    .union([z.number(), z.string()], { error: expected })
    .refine((v) => typeof v === 'string' || conform(rule, v) !== undefined, { error: rule.expected });
};

const isScalar = (v: unknown): v is number | string => typeof v === 'number' || typeof v === 'string';

/** Objects that may be written as one value standing for each of their keys (the shorthands above). */
export const SHORTHANDS: Readonly<Record<string, readonly string[]>> = {
  'energy.rf': DATA_TYPES,
  'energy.rf.ifmap': ['read', 'write'],
  'energy.rf.filter': ['read', 'write'],
  'energy.rf.psum': ['read', 'write'],
  'energy.glb': ['read', 'write'],
  'energy.dram': ['read', 'write'],
};

/** The full form of a shorthand written at `path`; anything else unchanged. */
export const expandShorthand = (path: string, v: unknown): unknown =>
  isScalar(v) && path in SHORTHANDS ? Object.fromEntries(SHORTHANDS[path].map((key) => [key, v])) : v;

const keyList = (shape: object): string => `{ ${Object.keys(shape).join(', ')} }`;

const obj = <S extends z.core.$ZodLooseShape>(shape: S) => z.strictObject(shape, { error: `an object ${keyList(shape)}` });

const readWrite = (prefix: 'energy.rf.ifmap' | 'energy.rf.filter' | 'energy.rf.psum' | 'energy.glb' | 'energy.dram') =>
  z.preprocess(
    (v) => expandShorthand(prefix, v),
    z.strictObject(
      { read: num(`${prefix}.read`), write: num(`${prefix}.write`) },
      { error: 'an energy per word (number or expression), or an object { read, write }' },
    ),
  );

const rfEnergy = z.preprocess(
  (v) => expandShorthand('energy.rf', v),
  z.strictObject(
    { ifmap: readWrite('energy.rf.ifmap'), filter: readWrite('energy.rf.filter'), psum: readWrite('energy.rf.psum') },
    { error: 'an energy per word for every scratchpad access, or an object { ifmap, filter, psum }' },
  ),
);

const spadArea = z.preprocess(
  (v) => (isScalar(v) ? { ifmap: v, filter: v, psum: v } : v),
  z.strictObject(
    {
      ifmap: num('area.spadMm2PerWord.ifmap'),
      filter: num('area.spadMm2PerWord.filter'),
      psum: num('area.spadMm2PerWord.psum'),
    },
    { error: 'an area in mm² for every scratchpad word, or an object { ifmap, filter, psum }' },
  ),
);

const bypass = z
  .array(z.enum(DATA_TYPES, { error: '"ifmap", "filter" or "psum"' }), {
    error: 'an array of data types that skip the GLB (e.g. ["filter"] or [])',
  })
  .refine((types) => new Set(types).size === types.length, { error: 'each data type at most once' });

const flag = (fallback: boolean) => z.boolean({ error: 'true or false' }).default(fallback);

export const RawHardwareSchema = z.strictObject(
  {
    name: z.string({ error: 'a non-empty string naming this hardware' }).min(1, { error: 'a non-empty name' }),
    description: z.string({ error: 'a string' }).default(''),
    wordBits: num('wordBits').default(DEFAULT_WORD_BITS),
    clockMHz: num('clockMHz').default(200),
    peArray: obj({
      rows: num('peArray.rows'),
      cols: num('peArray.cols'),
      macPipelineDepth: num('peArray.macPipelineDepth').default(1),
      accumulatorBits: num('peArray.accumulatorBits').default(32),
    }),
    rf: obj({
      ifmapWords: num('rf.ifmapWords'),
      filterWords: num('rf.filterWords'),
      psumWords: num('rf.psumWords'),
    }),
    glb: obj({
      capacityBytes: num('glb.capacityBytes'),
      banks: num('glb.banks').default(1),
      wordsPerCyclePerBank: num('glb.wordsPerCyclePerBank').default(4),
      bypass: bypass.default([]),
      doubleBuffer: flag(false),
    }),
    // prefault, not default: an omitted object is parsed as {} so its inner defaults apply.
    noc: obj({
      multicast: flag(true),
      wordsPerCycle: obj({
        ifmap: num('noc.wordsPerCycle.ifmap').default(4),
        filter: num('noc.wordsPerCycle.filter').default(4),
        psum: num('noc.wordsPerCycle.psum').default(4),
      }).prefault({}),
    }).prefault({}),
    dram: obj({ wordsPerCycle: num('dram.wordsPerCycle') }),
    prefetch: obj({
      glb: obj({
        ifmap: num('prefetch.glb.ifmap').default(0),
        filter: num('prefetch.glb.filter').default(0),
        psum: num('prefetch.glb.psum').default(0),
      }).prefault({}),
      filterSpad: flag(false),
    }).prefault({}),
    weightSharing: obj({
      codebookLocation: z
        .enum(['codebookRf', 'filterSpad'], {
          error:
            '"codebookRf" (a dedicated codebook register file per PE) or "filterSpad" (centroids share the filter spad with the indices)',
        })
        .default('codebookRf'),
      codebookRfWords: num('weightSharing.codebookRfWords').default('rf.filterWords'),
      glbCodebookBytes: num('weightSharing.glbCodebookBytes').default('glb.capacityBytes'),
      maxIndexBits: num('weightSharing.maxIndexBits').default(32),
      executions: z
        .array(z.enum(SHARED_EXECUTIONS, { error: SHARED_EXECUTIONS.map((e) => `"${e}"`).join(', ') }), {
          error: `a non-empty array of the ways this chip can run a shared layer, from ${SHARED_EXECUTIONS.map((e) => `"${e}"`).join(', ')}`,
        })
        .min(1, { error: 'at least one way to run a shared layer (e.g. ["dense"])' })
        .refine((list) => new Set(list).size === list.length, { error: 'each execution at most once' })
        .default([...SHARED_EXECUTIONS]),
      rowReuse: flag(true),
    }).prefault({}),
    energy: obj({
      unit: z.enum(['pJ', 'MAC'], { error: '"pJ" (absolute) or "MAC" (relative to one MAC)' }),
      mac: num('energy.mac'),
      rf: rfEnergy,
      nocTransfer: num('energy.nocTransfer'),
      glb: readWrite('energy.glb'),
      dram: readWrite('energy.dram'),
      codebookLookup: num('energy.codebookLookup').default('energy.rf.filter.read'),
      psumAdd: num('energy.psumAdd').default('energy.mac / 9'),
    }),
    area: obj({
      peLogicMm2: num('area.peLogicMm2'),
      spadMm2PerWord: spadArea,
      glbMm2PerKiB: num('area.glbMm2PerKiB'),
      glbMm2PerBank: num('area.glbMm2PerBank'),
      nocMm2PerPe: num('area.nocMm2PerPe'),
      fixedMm2: num('area.fixedMm2'),
    }).optional(),
  },
  { error: 'a JSON object with the hardware fields (name, peArray, rf, glb, dram, energy, ...)' },
);

export type RawHardware = z.output<typeof RawHardwareSchema>;

const unwrap = (schema: z.ZodType): z.ZodType => {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault || schema instanceof z.ZodOptional) {
    return unwrap(schema.unwrap() as z.ZodType);
  }
  if (schema instanceof z.ZodPipe) return unwrap(schema.out as z.ZodType);
  return schema;
};

/** The keys allowed in the object at `path`, for "did you mean" hints; [] if `path` is not an object. */
export function allowedKeys(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = RawHardwareSchema;
  for (const segment of path) {
    const current = unwrap(schema);
    if (!(current instanceof z.ZodObject) || typeof segment !== 'string') return [];
    const next = (current.shape as Record<string, z.ZodType>)[segment];
    if (next === undefined) return [];
    schema = next;
  }
  const last = unwrap(schema);
  return last instanceof z.ZodObject ? Object.keys(last.shape) : [];
}
