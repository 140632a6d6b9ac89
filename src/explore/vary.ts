// `--vary PATH=VALUES`: one axis of a sweep. PATH is a numeric field of the hardware file (the field table
// of src/hw/fields.ts), `peArray` (array shapes ROWSxCOLS) or `compress.clusterRate` (Deep k-Means cluster
// rate). VALUES is a comma-separated list (`32KiB,64KiB,108KiB`), a geometric range `start:stop:xFACTOR`
// (`64:512:x2`) or an arithmetic range `start:stop:+STEP` (`2:8:+2`). Range ends may carry a unit, the same at
// both ends (`32KiB:256KiB:x2`). Values are kept as written: the hardware loader converts units and checks
// each value against its field, exactly as it does for the file itself.
import { NUMERIC_PATHS, type NumericPath } from '../hw/fields.js';
import { closest } from '../hw/suggest.js';

export const PE_ARRAY_PATH = 'peArray';
export const CLUSTER_RATE_PATH = 'compress.clusterRate';

/** The most values one axis may have (a typo such as 1:1e9:+1 should not start a billion-point sweep). */
export const MAX_AXIS_VALUES = 10_000;

export type Axis =
  | { readonly kind: 'field'; readonly path: NumericPath; readonly values: readonly (number | string)[] }
  | { readonly kind: 'peArray'; readonly path: typeof PE_ARRAY_PATH; readonly values: readonly { rows: number; cols: number }[] }
  | { readonly kind: 'clusterRate'; readonly path: typeof CLUSTER_RATE_PATH; readonly values: readonly number[] };

/** A --vary value the sweep cannot use; the message names the option and what to write instead. */
export class VaryError extends Error {
  override readonly name = 'VaryError';
}

const VARIABLE_PATHS: readonly string[] = [...NUMERIC_PATHS, PE_ARRAY_PATH, CLUSTER_RATE_PATH];

const EXAMPLES =
  '--vary glb.capacityBytes=32KiB,64KiB, --vary rf.filterWords=64:512:x2, --vary noc.wordsPerCycle.ifmap=2:8:+2, ' +
  '--vary peArray=12x14,16x16, --vary compress.clusterRate=0.5,0.1';

function fail(spec: string, problem: string): never {
  throw new VaryError(`--vary ${spec}: ${problem}`);
}

/** A plain JSON number when the text is one, otherwise the text (an expression or a quantity for the loader). */
function literal(text: string): number | string {
  const n = Number(text);
  return text !== '' && Number.isFinite(n) && /^[-+]?[0-9.]/.test(text) ? n : text;
}

/** `32KiB` -> { value: 32, unit: 'KiB' }; undefined when the text is not a number with an optional unit. */
function quantity(text: string): { value: number; unit: string } | undefined {
  const m = /^([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([A-Za-z_][A-Za-z_0-9^]*)?$/.exec(text.trim());
  return m ? { value: Number(m[1]), unit: m[2] ?? '' } : undefined;
}

/** Relative slack for the last value of a range: 0.1:0.5:+0.1 must end at 0.5 despite rounding. */
const RANGE_SLACK = 1e-9;

function rangeValues(spec: string, text: string): (number | string)[] {
  const [startText, stopText, stepText] = text.split(':');
  const usage = 'a range is START:STOP:xFACTOR (e.g. 64:512:x2) or START:STOP:+STEP (e.g. 2:8:+2)';
  if (stepText === undefined || text.split(':').length !== 3) fail(spec, usage);
  const start = quantity(startText);
  const stop = quantity(stopText);
  const geometric = stepText.trim().startsWith('x');
  const step = quantity(stepText.trim().replace(/^[x+]/, ''));
  if (!start || !stop || !step || !/^[x+]/.test(stepText.trim())) fail(spec, `cannot read "${text}": ${usage}`);
  if (start.unit !== stop.unit)
    fail(spec, `the range ends have different units (${start.unit || 'none'} and ${stop.unit || 'none'}): write both in one unit`);
  if (!geometric && step.unit !== '' && step.unit !== start.unit)
    fail(spec, `the step's unit ${step.unit} differs from the range's ${start.unit || '(none)'}`);
  if (geometric && step.unit !== '') fail(spec, `a factor has no unit, got x${step.value}${step.unit}`);
  if (start.value > stop.value) fail(spec, `the range runs downwards (${start.value} > ${stop.value}): write START <= STOP`);
  if (geometric && !(step.value > 1)) fail(spec, `the factor must be greater than 1, got x${step.value}`);
  if (geometric && !(start.value > 0)) fail(spec, `a geometric range must start above 0, got ${start.value}`);
  if (!geometric && !(step.value > 0)) fail(spec, `the step must be positive, got +${step.value}`);
  const values: number[] = [];
  const limit = stop.value * (1 + RANGE_SLACK) + RANGE_SLACK * Math.abs(step.value);
  for (let i = 0; ; i++) {
    const v = geometric ? start.value * step.value ** i : start.value + i * step.value;
    if (v > limit) break;
    if (values.length === MAX_AXIS_VALUES) fail(spec, `the range has more than ${MAX_AXIS_VALUES} values`);
    values.push(Math.abs(v - stop.value) <= RANGE_SLACK * Math.max(1, Math.abs(stop.value)) ? stop.value : v);
  }
  // Rounding away float noise (0.1 + 2 * 0.1 = 0.30000000000000004) keeps labels and files readable.
  const tidy = values.map((v) => Number(v.toPrecision(12)));
  return start.unit === '' ? tidy : tidy.map((v) => `${v} ${start.unit}`);
}

function listValues(spec: string, text: string): string[] {
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) fail(spec, 'an empty value in the list: write VALUE,VALUE,... without empty entries');
  if (items.length > MAX_AXIS_VALUES) fail(spec, `more than ${MAX_AXIS_VALUES} values`);
  return items;
}

function distinct<T>(spec: string, values: readonly T[], key: (v: T) => string): readonly T[] {
  const seen = new Set<string>();
  for (const v of values) {
    const k = key(v);
    if (seen.has(k)) fail(spec, `the value ${k} appears twice: each value once`);
    seen.add(k);
  }
  return values;
}

function peArrayValues(spec: string, text: string): { rows: number; cols: number }[] {
  return listValues(spec, text).map((item) => {
    const m = /^(\d+)\s*[xX]\s*(\d+)$/.exec(item);
    const rows = m ? Number(m[1]) : NaN;
    const cols = m ? Number(m[2]) : NaN;
    if (!(rows >= 1 && cols >= 1)) fail(spec, `"${item}" is not an array shape: write ROWSxCOLS with positive integers, e.g. 12x14`);
    return { rows, cols };
  });
}

function clusterRateValues(spec: string, text: string): number[] {
  const items = text.includes(':') ? rangeValues(spec, text) : listValues(spec, text);
  return items.map((item) => {
    const rate = typeof item === 'number' ? item : Number(item);
    if (!(rate > 0 && rate <= 1)) fail(spec, `cluster rate "${item}" is not in (0, 1]: K / N, e.g. 0.05 keeps 5% of the rows`);
    return rate;
  });
}

/** The axis `spec` describes, or VaryError. */
export function parseVary(spec: string): Axis {
  const eq = spec.indexOf('=');
  if (eq < 0) fail(spec, `expected PATH=VALUES, e.g. ${EXAMPLES}`);
  const path = spec.slice(0, eq).trim();
  const text = spec.slice(eq + 1).trim();
  if (!VARIABLE_PATHS.includes(path)) {
    const hint = closest(path, VARIABLE_PATHS);
    fail(
      spec,
      `"${path}" is not a numeric hardware field${hint ? `; did you mean ${hint}?` : ''} (the fields are listed in the README's hardware-file tables; also peArray and compress.clusterRate)`,
    );
  }
  if (text === '') fail(spec, `no values: e.g. ${EXAMPLES}`);
  if (path === PE_ARRAY_PATH) {
    return { kind: 'peArray', path, values: distinct(spec, peArrayValues(spec, text), (v) => `${v.rows}x${v.cols}`) };
  }
  if (path === CLUSTER_RATE_PATH) {
    return { kind: 'clusterRate', path, values: distinct(spec, clusterRateValues(spec, text), String) };
  }
  const values = text.includes(':') ? rangeValues(spec, text) : listValues(spec, text).map(literal);
  return { kind: 'field', path: path as NumericPath, values: distinct(spec, values, String) };
}

/** The hardware fields an axis sets. */
const fieldsSet = (axis: Axis): string[] => (axis.kind === 'peArray' ? ['peArray.rows', 'peArray.cols'] : [axis.path]);

/** Every axis of a sweep; no field set by two axes (peArray sets peArray.rows and peArray.cols). */
export function parseAxes(specs: readonly string[]): Axis[] {
  if (specs.length === 0) throw new VaryError(`give at least one --vary PATH=VALUES, e.g. ${EXAMPLES}`);
  const axes = specs.map(parseVary);
  axes.forEach((axis, i) => {
    const clash = axes.slice(0, i).find((a) => fieldsSet(a).some((f) => fieldsSet(axis).includes(f)));
    if (clash)
      throw new VaryError(
        `--vary ${axis.path} and --vary ${clash.path} both set ${fieldsSet(axis).find((f) => fieldsSet(clash).includes(f))}: give each field one --vary`,
      );
  });
  return axes;
}

/** How a value of the axis is written in tables, file names and the manifest. */
export function valueLabel(axis: Axis, i: number): string {
  if (axis.kind === 'peArray') return `${axis.values[i].rows}x${axis.values[i].cols}`;
  return String(axis.values[i]);
}
