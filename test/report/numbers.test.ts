import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainNumber, si, SI_LEGEND } from '../../src/report/numbers.js';

describe('plainNumber', () => {
  it('spells numbers in full', () => {
    expect(plainNumber(0)).toBe('0');
    expect(plainNumber(-0)).toBe('0');
    expect(plainNumber(123456789)).toBe('123456789');
    expect(plainNumber(1e21)).toBe('1000000000000000000000');
    expect(plainNumber(1.5e-7)).toBe('0.00000015');
    expect(plainNumber(-2.5e-9)).toBe('-0.0000000025');
    expect(plainNumber(1.2345e22)).toBe('12345000000000000000000');
    expect(() => plainNumber(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('round-trips every finite double without an exponent', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const s = plainNumber(x);
        expect(s).not.toMatch(/e/i);
        expect(Number(s)).toBe(x === 0 ? 0 : x);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('si', () => {
  it('uses SI prefixes with three significant digits', () => {
    expect(si(1.5e9)).toBe('1.5G');
    expect(si(123456)).toBe('123k');
    expect(si(0)).toBe('0');
    expect(si(16_279_606_400, 4)).toBe('16.28G');
  });
});

const PREFIX_VALUE: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** A reader's reading of si's text: only the prefixes SI_LEGEND names, or an exponent. */
function readSi(text: string): number {
  const m = /^(-?\d+(?:\.\d+)?(?:e-?\d+)?)([kMGT]?)$/.exec(text);
  if (!m) throw new Error(`"${text}" is not a number with a k..T prefix`);
  return Number(m[1]) * PREFIX_VALUE[m[2]];
}

describe('si and SI_LEGEND agree', () => {
  it('prints every number with k, M, G, T or none (exponents beyond T and below 0.001), within its digits', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }),
        fc.constantFrom(3 as const, 4 as const),
        (x, digits) => {
          const text = si(x, digits);
          const read = readSi(text);
          expect(Math.abs(read - x)).toBeLessThanOrEqual(Math.abs(x) * 0.5 * 10 ** (1 - digits) * (1 + 1e-9));
        },
      ),
      { numRuns: 3000 },
    );
    expect(SI_LEGEND).toContain('k=1e3 M=1e6 G=1e9 T=1e12');
    expect([si(1.2e15), si(5e18), si(999.7), si(0.25), si(1.5e-7), si(-2.5e16)]).toEqual([
      '1.2e15',
      '5e18',
      '1k',
      '0.25',
      '1.5e-7',
      '-2.5e16',
    ]);
  });
});
