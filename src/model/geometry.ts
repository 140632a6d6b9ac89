// Which input rows (or columns) a run of output rows touches: the sliding-window arithmetic shared by
// ifmap traffic counts. Indices outside [0, inSize) are padding, which is generated, never moved.

/** Input indices read by output index `out`, clipped to the real input: [lo, hi). */
function window(out: number, stride: number, kernel: number, pad: number, inSize: number): [number, number] {
  const lo = out * stride - pad;
  return [Math.max(0, lo), Math.min(inSize, lo + kernel)];
}

/** Distinct real input indices read by outputs [outStart, outStart + outCount). */
export function touchedInputs(outStart: number, outCount: number, stride: number, kernel: number, pad: number, inSize: number): number {
  if (outCount <= 0) return 0;
  if (stride <= kernel) {
    // Consecutive windows overlap or abut, so their union is one interval.
    const [lo] = window(outStart, stride, kernel, pad, inSize);
    const [, hi] = window(outStart + outCount - 1, stride, kernel, pad, inSize);
    return Math.max(0, hi - lo);
  }
  return windowPairs(outStart, outCount, stride, kernel, pad, inSize);
}

/** Pairs (kernel index, output index) whose input index is real: PEs of a set that receive an ifmap row. */
export function windowPairs(outStart: number, outCount: number, stride: number, kernel: number, pad: number, inSize: number): number {
  let pairs = 0;
  for (let o = outStart; o < outStart + outCount; o++) {
    const [lo, hi] = window(o, stride, kernel, pad, inSize);
    pairs += Math.max(0, hi - lo);
  }
  return pairs;
}
