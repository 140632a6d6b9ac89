// A design point's parameters as people read them in plot labels and tables: "GLB 64 KiB", "16x16",
// "rate 0.05", "filter spad 128 words". Values arrive in their field's unit (sweep rows keep them so).
import { NUMERIC_FIELDS } from '../hw/fields.js';

/** 110592 -> "108 KiB", 2097152 -> "2 MiB", 1000 -> "1000 B"; at most three decimals. */
export function bytesText(bytes: number): string {
  const [value, unit] = bytes >= 1024 ** 2 ? [bytes / 1024 ** 2, 'MiB'] : bytes >= 1024 ? [bytes / 1024, 'KiB'] : [bytes, 'B'];
  return `${Number(value.toFixed(3))} ${unit}`;
}

const unitOf = (path: string): string | undefined => (NUMERIC_FIELDS as Record<string, { unit?: string }>)[path]?.unit;

const SPAD = /^rf\.(ifmap|filter|psum)Words$/;
const NOC = /^noc\.wordsPerCycle\.(ifmap|filter|psum)$/;

/** The text of one parameter; a path without a short name keeps its path ("glb.wordsPerCyclePerBank 2"). */
export function paramText(path: string, value: number | string): string {
  if (path === 'peArray') return String(value);
  if (path === 'compress.clusterRate') return `rate ${value}`;
  if (typeof value === 'string') return `${path} ${value}`;
  if (path === 'glb.capacityBytes') return `GLB ${bytesText(value)}`;
  if (path === 'glb.banks') return `${value} GLB banks`;
  if (path === 'clockMHz') return `${value} MHz`;
  if (path === 'dram.wordsPerCycle') return `DRAM ${value} words/cycle`;
  const spad = SPAD.exec(path);
  if (spad) return `${spad[1]} spad ${value} words`;
  const noc = NOC.exec(path);
  if (noc) return `${noc[1]} NoC ${value} words/cycle`;
  const unit = unitOf(path);
  if (unit === 'B') return `${path} ${bytesText(value)}`;
  if (unit === 'bit' || unit === 'MHz') return `${path} ${value} ${unit}`;
  if (unit === 'mm^2') return `${path} ${value} mm\u00B2`;
  return `${path} ${value}`;
}

/** The parameters named by `paths`, in that order, joined by commas. */
export const paramsText = (params: Readonly<Record<string, number | string>>, paths: readonly string[]): string =>
  paths.map((p) => paramText(p, params[p])).join(', ');

/** The value alone, for a column named by its path: "108 KiB" for a byte field, else as stored ("16x16", 0.05). */
export function paramValueText(path: string, value: number | string): string {
  return unitOf(path) === 'B' && typeof value === 'number' ? bytesText(value) : String(value);
}

/** A key that orders a parameter's values: the number itself, or the PE count of an array shape. */
export function paramSortKey(value: number | string): number | string {
  if (typeof value === 'number') return value;
  const shape = /^(\d+)x(\d+)$/.exec(value);
  return shape ? Number(shape[1]) * Number(shape[2]) : value;
}
