// Numeric options, read as the text that was typed and parsed here: yargs' own number type turns "abc" into
// NaN and "--batch" without a value into the default, so a message could only say "got NaN". Each option's
// limits live beside its declaration and are the ones its message and --help state.

/** A bad option value, reported like yargs' own usage errors (exit 2, with a pointer to --help). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Seeds are used as seed + layer index; a bound well inside 2^53 keeps every such sum exact. */
export const MAX_SEED = 2 ** 52;

/** Images per run: counts scale with N, and batch 4096 of AlexNet already takes 16 s and 1 GB here. */
export const MAX_BATCH = 4096;

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

const typed = (raw: unknown): string => (raw === '' ? '""' : String(raw));

/** The one value of an option given once; yargs collects a repeated option into an array. */
function single(name: string, raw: unknown): unknown {
  if (Array.isArray(raw)) throw new UsageError(`--${name} is given ${raw.length} times (${raw.map(typed).join(', ')}); give it once`);
  return raw;
}

export interface IntegerLimits {
  readonly min: number;
  readonly max: number;
  /** Completes "--name must be ...": what a valid value is, e.g. "an integer from 1 to 4096". */
  readonly expected: string;
}

/** The integer typed for --name, or a UsageError that echoes it and says what is expected. */
export function parseInteger(name: string, raw: unknown, limits: IntegerLimits): number {
  const value = single(name, raw);
  const n = typeof value === 'number' ? value : INTEGER.test(String(value).trim()) ? Number(String(value).trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < limits.min || n > limits.max)
    throw new UsageError(`--${name} must be ${limits.expected}, got ${typed(value)}`);
  return n;
}

/** A finite decimal number typed for --name (its range is the caller's to check, with the caller's words). */
export function parseNumber(name: string, raw: unknown): number {
  const value = single(name, raw);
  const n = typeof value === 'number' ? value : NUMBER.test(String(value).trim()) ? Number(String(value).trim()) : NaN;
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got ${typed(value)}`);
  return n;
}

interface Described<D extends number | undefined> {
  readonly describe: string;
  readonly default?: D;
}

/** The yargs declaration; typed with `default: D` so that yargs infers `number` when there is a default. */
interface Declared<D> {
  readonly type: 'string';
  readonly requiresArg: true;
  readonly describe: string;
  readonly default: D;
  readonly coerce: (raw: unknown) => number;
}

const declared = <D extends number | undefined>(o: Described<D>, coerce: (raw: unknown) => number): Declared<D> =>
  ({
    type: 'string',
    requiresArg: true,
    describe: o.describe,
    ...(o.default !== undefined && { default: o.default }),
    coerce,
  }) as Declared<D>;

/** A yargs option holding an integer within `limits`; a value is required (`--batch` alone is an error). */
export const integerOption = <D extends number | undefined = undefined>(
  name: string,
  limits: IntegerLimits,
  o: Described<D>,
): Declared<D> => declared(o, (raw) => parseInteger(name, raw, limits));

/** A yargs option holding a finite number; a value is required. */
export const numberOption = <D extends number | undefined = undefined>(name: string, o: Described<D>): Declared<D> =>
  declared(o, (raw) => parseNumber(name, raw));

export const POSITIVE: IntegerLimits = { min: 1, max: Number.MAX_SAFE_INTEGER, expected: 'a positive integer' };
export const NON_NEGATIVE: IntegerLimits = { min: 0, max: Number.MAX_SAFE_INTEGER, expected: 'a non-negative integer' };
export const BATCH: IntegerLimits = { min: 1, max: MAX_BATCH, expected: `an integer from 1 to ${MAX_BATCH}` };
export const SEED: IntegerLimits = { min: -MAX_SEED, max: MAX_SEED, expected: 'an integer from -2^52 to 2^52' };
