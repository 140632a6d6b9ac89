// A design point's hardware: the base file's JSON with the varied fields replaced, then loaded as a whole, so
// that fields written as expressions of a varied field follow it and every value meets its field's rules.
import { hardwareFromJson } from '../hw/load.js';
import { expandShorthand } from '../hw/schema.js';
import type { HardwareSpec } from '../hw/spec.js';
import type { Axis } from './vary.js';

type Json = Record<string, unknown>;

/** A copy of `json` with the field at the dotted `path` set to `value` (shorthands expanded on the way). */
export function withField(json: unknown, path: string, value: unknown): Json {
  const keys = path.split('.');
  const set = (node: unknown, depth: number): Json => {
    const prefix = keys.slice(0, depth).join('.');
    const expanded = depth === 0 ? node : expandShorthand(prefix, node);
    const copy: Json = typeof expanded === 'object' && expanded !== null && !Array.isArray(expanded) ? { ...(expanded as Json) } : {};
    const key = keys[depth];
    copy[key] = depth === keys.length - 1 ? value : set(copy[key], depth + 1);
    return copy;
  };
  return set(json, 0);
}

/** The raw JSON of the point that takes value `choice[i]` on axis i (hardware axes only; others ignored). */
export function pointJson(base: unknown, axes: readonly Axis[], choice: readonly number[]): unknown {
  let json = base;
  axes.forEach((axis, i) => {
    if (axis.kind === 'field') json = withField(json, axis.path, axis.values[choice[i]]);
    if (axis.kind === 'peArray') {
      const { rows, cols } = axis.values[choice[i]];
      json = withField(withField(json, 'peArray.rows', rows), 'peArray.cols', cols);
    }
  });
  return json;
}

export const loadPointHardware = (base: unknown, axes: readonly Axis[], choice: readonly number[], file: string): HardwareSpec =>
  hardwareFromJson(pointJson(base, axes, choice), file);
