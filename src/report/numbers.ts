// Number spellings shared by the reports: SI-prefixed for people, full decimal for machines.
import { format } from 'd3';

const si3 = format('.3~s');
const si4 = format('.4~s');

/** 3 significant digits with an SI prefix ("1.5G", "230k", "12"); d3's minus sign replaced by "-". */
export function si(n: number, digits: 3 | 4 = 3): string {
  if (n === 0) return '0';
  return (digits === 3 ? si3 : si4)(n).replace('\u2212', '-');
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
