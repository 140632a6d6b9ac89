// Bits per index of a shared layer under the three codings the CR is reported with: fixed-length, the
// entropy of the assignment frequencies (the authors' proxy for Huffman coding), and a real Huffman code.
import { huffmanCodeLengths } from './huffman.js';
import { fixedIndexBits } from '../workload/sharedRows.js';

export { fixedIndexBits };

export interface IndexBits {
  readonly fixed: number;
  readonly entropy: number;
  readonly huffman: number;
}

/** Shannon entropy, in bits per symbol, of the frequencies (zero frequencies contribute nothing). */
export function entropyBitsPerSymbol(freqs: ArrayLike<number>): number {
  let total = 0;
  for (let s = 0; s < freqs.length; s++) total += freqs[s];
  if (total === 0) return 0;
  let h = 0;
  for (let s = 0; s < freqs.length; s++) {
    if (freqs[s] > 0) {
      const p = freqs[s] / total;
      h -= p * Math.log2(p);
    }
  }
  return h;
}

/** Total index bits for `count` indices over K codebook rows used with the given frequencies. */
export function indexBits(k: number, freqs: ArrayLike<number>): IndexBits {
  let count = 0;
  for (let s = 0; s < freqs.length; s++) count += freqs[s];
  const lengths = huffmanCodeLengths(freqs);
  let huffman = 0;
  for (let s = 0; s < freqs.length; s++) huffman += freqs[s] * lengths[s];
  return { fixed: count * fixedIndexBits(k), entropy: count * entropyBitsPerSymbol(freqs), huffman };
}
