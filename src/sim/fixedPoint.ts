// Fixed-point helpers for the simulator's functional data path: two's complement wrapping of
// accumulators, seeded random integer tensors and quantization of real values to signed fixed point.
import { createRng } from '../random/rng.js';

function checkBits(bits: number): void {
  if (!Number.isInteger(bits) || bits < 1 || bits > 32) {
    throw new RangeError(`bits must be an integer in 1..32, got ${bits}`);
  }
}

/** Smallest and largest value of a signed `bits`-bit two's complement integer. */
export function signedRange(bits: number): { readonly min: number; readonly max: number } {
  checkBits(bits);
  const half = 2 ** (bits - 1);
  return { min: -half, max: half - 1 };
}

/** `x` reduced modulo 2^bits into the signed range [-2^(bits-1), 2^(bits-1)), as a register of that width holds it. */
export function wrapToBits(x: number, bits: number): number {
  checkBits(bits);
  if (!Number.isSafeInteger(x)) throw new RangeError(`wrapToBits needs a safe integer, got ${x}`);
  const modulus = 2 ** bits;
  // % is exact for safe integers; the second % also turns -0 into 0.
  const r = ((x % modulus) + modulus) % modulus;
  return r >= modulus / 2 ? r - modulus : r;
}

/**
 * `length` integers drawn uniformly from [-maxAbs, maxAbs] (default: the whole signed range of `bits`)
 * by a generator seeded with `seed`; the same arguments always give the same tensor.
 */
export function randomFixedTensor(length: number, bits: number, seed: number, maxAbs?: number): Int32Array {
  const { min, max } = signedRange(bits);
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`length must be a non-negative integer, got ${length}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  let lo = min;
  let hi = max;
  if (maxAbs !== undefined) {
    if (!Number.isInteger(maxAbs) || maxAbs < 0 || maxAbs > max) {
      throw new RangeError(`maxAbs must be an integer in 0..${max} for ${bits} bits, got ${maxAbs}`);
    }
    lo = -maxAbs;
    hi = maxAbs;
  }
  const span = hi - lo + 1; // <= 2^32
  const rng = createRng(seed);
  const out = new Int32Array(length);
  for (let i = 0; i < length; i++) out[i] = lo + Math.floor((rng.nextUint32() / 4294967296) * span);
  return out;
}

/**
 * Signed fixed point with `fractionBits` fraction bits: round(v * 2^fractionBits) to the nearest integer
 * (halves away from zero), saturated to the signed range of `bits`.
 */
export function quantize(values: Float32Array | Float64Array | readonly number[], bits: number, fractionBits: number): Int32Array {
  const { min, max } = signedRange(bits);
  if (!Number.isInteger(fractionBits)) throw new RangeError(`fractionBits must be an integer, got ${fractionBits}`);
  const scale = 2 ** fractionBits;
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) throw new RangeError(`quantize: value ${i} is NaN`);
    const scaled = v * scale;
    const rounded = Math.sign(scaled) * Math.round(Math.abs(scaled));
    out[i] = rounded > max ? max : rounded < min ? min : rounded;
  }
  return out;
}
