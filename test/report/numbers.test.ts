import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainNumber, si } from '../../src/report/numbers.js';

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
