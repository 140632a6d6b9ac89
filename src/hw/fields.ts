// The numeric fields of a hardware file: what each must be after evaluation, and in which unit a quantity
// written with a unit ("108 KiB", "200 MHz", "2586 um^2") is converted. One table so the raw schema, the
// constraint check and the error messages cannot drift apart.

export type NumericKind = 'positiveInteger' | 'positive' | 'nonNegative';

/** A mathjs unit name, or 'energy': pJ when `energy.unit` is "pJ", a plain number when it is "MAC". */
export type FieldUnit = 'bit' | 'MHz' | 'B' | 'mm^2' | 'energy';

export interface NumericRule {
  readonly kind: NumericKind;
  readonly unit?: FieldUnit;
  /** Completes "expected ...": what a valid value looks like, with an example. */
  readonly expected: string;
  /** Largest allowed value, where the model has one. */
  readonly max?: number;
}

const words = (what: string, example: number, max?: number): NumericRule => ({
  kind: 'positiveInteger',
  expected:
    max === undefined
      ? `a positive integer number of ${what} (e.g. ${example})`
      : `a whole number of ${what} from 1 to ${max} (e.g. ${example})`,
  ...(max !== undefined && { max }),
});

// Limits where the model has one: a PE count (rows x cols) far below 2^53 keeps every per-PE product exact
// (1e308 rows made the PE count Infinity), and no accelerator word this model is meant for exceeds 64 bits
// (`dkm-sim compress --word-bits` shares the limit).
const MAX_ARRAY_SIDE = 4096;
export const MAX_WORD_BITS = 64;

const rate = (example: string): NumericRule => ({
  kind: 'positive',
  expected: `a positive number of words per cycle (e.g. ${example})`,
});
const ENERGY: NumericRule = {
  kind: 'nonNegative',
  unit: 'energy',
  expected: 'a non-negative energy per word in energy.unit (e.g. 6, or "2.2 pJ" when energy.unit is "pJ")',
};

const area = (per: string, example: string): NumericRule => ({
  kind: 'nonNegative',
  unit: 'mm^2',
  expected: `a non-negative area in mm² ${per} (e.g. ${example})`,
});

const SHARE: NumericRule = {
  kind: 'nonNegative',
  expected: 'a share from 0 to 1 of the GLB words the tiles leave free (e.g. 0.5)',
  max: 1,
};

// One rule for the three data types, so a shorthand written once ("spadMm2PerWord": "1 - 2") fails once.
const SPAD_AREA = area('per scratchpad word', '0.0003, or "300 um^2"');

export const NUMERIC_FIELDS = {
  wordBits: { ...words('bits per word', 16, MAX_WORD_BITS), unit: 'bit' },
  clockMHz: { kind: 'positive', unit: 'MHz', expected: 'a positive clock frequency in MHz (e.g. 200 or "200 MHz")' },
  'peArray.rows': words('PE rows', 12, MAX_ARRAY_SIDE),
  'peArray.cols': words('PE columns', 14, MAX_ARRAY_SIDE),
  'peArray.macPipelineDepth': words('MAC pipeline stages', 1),
  'peArray.accumulatorBits': {
    kind: 'positiveInteger',
    unit: 'bit',
    expected: 'a whole number of psum accumulator bits from 1 to 32 (e.g. 32)',
    max: 32,
  },
  'rf.ifmapWords': words('ifmap scratchpad words per PE', 12),
  'rf.filterWords': words('filter scratchpad words per PE', 224),
  'rf.psumWords': words('psum scratchpad words per PE', 24),
  'glb.capacityBytes': {
    kind: 'positive',
    unit: 'B',
    expected: 'a positive number of bytes (e.g. 110592 or "108 KiB")',
  },
  'glb.banks': words('GLB banks', 1),
  'glb.wordsPerCyclePerBank': rate('4, or "4 / glb.banks"'),
  'noc.wordsPerCycle.ifmap': rate('4'),
  'noc.wordsPerCycle.filter': rate('4'),
  'noc.wordsPerCycle.psum': rate('4'),
  'dram.wordsPerCycle': rate('1.2, or "4 * 60 / clockMHz"'),
  'prefetch.glb.ifmap': SHARE,
  'prefetch.glb.filter': SHARE,
  'prefetch.glb.psum': SHARE,
  'weightSharing.codebookRfWords': words('codebook register-file words per PE', 224),
  'weightSharing.glbCodebookBytes': {
    kind: 'nonNegative',
    unit: 'B',
    expected: 'a number of GLB bytes a whole codebook may occupy, 0 for never (e.g. "54 KiB" or "glb.capacityBytes / 2")',
  },
  'weightSharing.maxIndexBits': {
    kind: 'positiveInteger',
    unit: 'bit',
    expected: 'a whole number of index bits from 1 to 32 the decoder accepts (e.g. 16)',
    max: 32,
  },
  'energy.mac': ENERGY,
  'energy.rf.ifmap.read': ENERGY,
  'energy.rf.ifmap.write': ENERGY,
  'energy.rf.filter.read': ENERGY,
  'energy.rf.filter.write': ENERGY,
  'energy.rf.psum.read': ENERGY,
  'energy.rf.psum.write': ENERGY,
  'energy.nocTransfer': ENERGY,
  'energy.glb.read': ENERGY,
  'energy.glb.write': ENERGY,
  'energy.dram.read': ENERGY,
  'energy.dram.write': ENERGY,
  'energy.codebookLookup': ENERGY,
  'energy.psumAdd': ENERGY,
  'area.peLogicMm2': area('per PE', '0.01, or "2586 um^2 + 1440 um^2"'),
  'area.spadMm2PerWord.ifmap': SPAD_AREA,
  'area.spadMm2PerWord.filter': SPAD_AREA,
  'area.spadMm2PerWord.psum': SPAD_AREA,
  'area.glbMm2PerKiB': area('per KiB of GLB capacity', '0.033, or "0.033 mm^2"'),
  'area.glbMm2PerBank': area('per GLB bank', '0.057'),
  'area.nocMm2PerPe': area('of network per PE', '0.0018'),
  'area.fixedMm2': area('for the fixed part (top-level control, I/O)', '0.15'),
} as const satisfies Record<string, NumericRule>;

export type NumericPath = keyof typeof NUMERIC_FIELDS;
export const NUMERIC_PATHS = Object.keys(NUMERIC_FIELDS) as NumericPath[];

export const ruleOf = (path: NumericPath): NumericRule => NUMERIC_FIELDS[path];

// Unit conversions and divisions leave 15.999999999999998 where the designer meant 16.
const INTEGER_TOLERANCE = 1e-9;

/** The value as the field stores it (near-integers snapped for integer fields), or undefined if it violates the rule. */
export function conform(rule: NumericRule, value: number): number | undefined {
  if (!Number.isFinite(value) || (rule.max !== undefined && value > rule.max)) return undefined;
  switch (rule.kind) {
    case 'nonNegative':
      return value >= 0 ? value : undefined;
    case 'positive':
      return value > 0 ? value : undefined;
    case 'positiveInteger': {
      const rounded = Math.round(value);
      const close = Math.abs(value - rounded) <= INTEGER_TOLERANCE * Math.max(1, Math.abs(value));
      return close && rounded > 0 ? rounded : undefined;
    }
  }
}
