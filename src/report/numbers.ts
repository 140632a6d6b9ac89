// Number spellings shared by the reports: SI-prefixed for people, full decimal for machines.
import { format } from 'd3';

const PREFIXED = { 3: format('.3~s'), 4: format('.4~s') } as const;
const PLAIN = { 3: format('.3~r'), 4: format('.4~r') } as const;
const EXPONENT = { 3: format('.2~e'), 4: format('.3~e') } as const;

/** What si's numbers mean, for the legend of every table that prints them. */
export const SI_LEGEND = 'SI prefixes k=1e3 M=1e6 G=1e9 T=1e12 (beyond T: 1.2e15)';

/**
 * 3 (or 4) significant digits with one of the prefixes k, M, G, T ("1.5G", "230k", "12"), as SI_LEGEND promises:
 * larger numbers in exponent notation ("1.2e15"), numbers below 1 as decimals ("0.25", or "1.5e-7" below 0.001),
 * never d3's other prefixes (P, E, m, µ, ...), which a reader takes for units. "-", not d3's minus sign.
 */
export function si(n: number, digits: 3 | 4 = 3): string {
  if (n === 0) return '0';
  const abs = Math.abs(n);
  let text = abs < 1e-3 ? EXPONENT[digits](n) : abs < 1 ? PLAIN[digits](n) : PREFIXED[digits](n);
  if (/[PEZYRQ]$/.test(text)) text = EXPONENT[digits](n);
  return text.replace('\u2212', '-').replace('e+', 'e');
}

/**
 * The shortest decimal that parses back to exactly `n`, never in exponent notation
 * (1e21 -> "1000000000000000000000", 1.5e-7 -> "0.00000015"). Throws on NaN and infinities.
 */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`${n} is not a finite number`);
  if (Object.is(n, -0)) return '0';
  const text = String(n);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const sign = text.startsWith('-') ? '-' : '';
  const mantissa = text.slice(sign.length, e);
  const exponent = Number(text.slice(e + 1));
  const [whole, frac = ''] = mantissa.split('.');
  const digits = whole + frac;
  const point = whole.length + exponent; // position of the decimal point within `digits`
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
