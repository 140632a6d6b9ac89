import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { huffmanCodeLengths } from '../../src/compress/huffman.js';
import { entropyBitsPerSymbol, fixedIndexBits, indexBits } from '../../src/compress/indexCoding.js';

const kraft = (lengths: ArrayLike<number>, freqs: ArrayLike<number>): number => {
  let sum = 0;
  for (let s = 0; s < lengths.length; s++) if (freqs[s] > 0) sum += 2 ** -lengths[s];
  return sum;
};

describe('Huffman code lengths', () => {
  it('the textbook case: 5, 9, 12, 13, 16, 45 -> 4, 4, 3, 3, 3, 1', () => {
    // Merges: 5+9=14, 12+13=25, 14+16=30, 25+30=55, 45+55=100.
    expect([...huffmanCodeLengths([5, 9, 12, 13, 16, 45])]).toEqual([4, 4, 3, 3, 3, 1]);
    // Symbol order does not matter to the lengths.
    expect([...huffmanCodeLengths([45, 13, 5, 16, 9, 12])]).toEqual([1, 3, 4, 3, 4, 3]);
  });

  it('unused symbols get no code; one used symbol needs no bits', () => {
    expect([...huffmanCodeLengths([0, 7, 0, 3])]).toEqual([0, 1, 0, 1]);
    expect([...huffmanCodeLengths([0, 7, 0])]).toEqual([0, 0, 0]);
    expect([...huffmanCodeLengths([])]).toEqual([]);
    expect(() => huffmanCodeLengths([1, -1])).toThrow(/symbol 1/);
  });

  it('is a complete prefix code (Kraft sum exactly 1) within one bit of the entropy, deterministically', () => {
    const freqs = fc
      .array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 200 })
      .filter((f) => f.filter((x) => x > 0).length >= 2);
    fc.assert(
      fc.property(freqs, (f) => {
        const lengths = huffmanCodeLengths(f);
        expect(kraft(lengths, f)).toBe(1); // a sum of powers of two: exact in floating point at these depths
        const total = f.reduce((a, b) => a + b, 0);
        let avg = 0;
        for (let s = 0; s < f.length; s++) avg += (f[s] * lengths[s]) / total;
        const h = entropyBitsPerSymbol(f);
        expect(avg).toBeGreaterThanOrEqual(h - 1e-9);
        expect(avg).toBeLessThan(h + 1);
        expect([...huffmanCodeLengths(f)]).toEqual([...lengths]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('index bits', () => {
  it('fixed length is ceil(log2 K), 0 for K = 1', () => {
    expect([1, 2, 3, 4, 5, 7, 8, 9, 144, 256, 257].map(fixedIndexBits)).toEqual([0, 1, 2, 2, 3, 3, 3, 4, 8, 8, 9]);
    expect(() => fixedIndexBits(0)).toThrow(/positive integer/);
  });

  it('entropy and Huffman totals on a hand case', () => {
    // Sizes 4, 2, 1, 1 of 8 rows: p = 1/2, 1/4, 1/8, 1/8 -> H = 1.75 bits; Huffman lengths 1, 2, 3, 3 match it.
    const bits = indexBits(4, [4, 2, 1, 1]);
    expect(bits).toEqual({ fixed: 8 * 2, entropy: 8 * 1.75, huffman: 4 * 1 + 2 * 2 + 1 * 3 + 1 * 3 });
  });
});
