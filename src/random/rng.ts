// The project's only source of randomness (ARCHITECTURE: seeded generators, byte-identical outputs).
// xoshiro128** is small, fast on 32-bit integer arithmetic (what JS does natively via Math.imul and >>> 0),
// and far better distributed than an LCG; its 128-bit state is filled from the seed by splitmix32 so that
// neighbouring seeds (1000, 1001, ... one per layer) give unrelated streams.

export interface Rng {
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** A uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
  /** A standard normal deviate (Box-Muller). */
  normal(): number;
}

const TWO_POW_32 = 4294967296;

function splitmix32(state: number): { value: number; state: number } {
  const next = (state + 0x9e3779b9) >>> 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return { value: (z ^ (z >>> 16)) >>> 0, state: next };
}

/** A generator for any safe integer seed; non-integers are rejected so two seeds never silently collide. */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) throw new Error(`random seed must be a safe integer, got ${seed}`);
  // Fold the high word in too, so seeds that differ only above bit 31 still differ.
  let sm = (seed >>> 0) ^ Math.imul(Math.floor(seed / TWO_POW_32) >>> 0, 0x27d4eb2f);
  const s = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    const step = splitmix32(sm);
    s[i] = step.value;
    sm = step.state;
  }
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1; // the all-zero state is a fixed point of xoshiro

  const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
  // 27 + 26 bits: every double in [0, 1) on the 2^-53 grid is equally likely (32-bit resolution is too
  // coarse for D^2 sampling over hundreds of thousands of rows).
  const uniform = (): number => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992;

  // Box-Muller makes deviates in pairs; keeping the second halves the cost and stays deterministic.
  let spare = 0;
  let hasSpare = false;
  const normal = (): number => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const u1 = 1 - uniform(); // (0, 1]: log(0) must not happen
    const u2 = uniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    spare = radius * Math.sin(2 * Math.PI * u2);
    hasSpare = true;
    return radius * Math.cos(2 * Math.PI * u2);
  };
  return { nextUint32, uniform, normal };
}
