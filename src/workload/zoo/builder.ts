// A tiny shape tracker for the zoo: activations flow through as plain {c, h, w} values, so branches
// (inception, residual shortcuts) are just two calls on the same input, and every size is derived by the
// framework's own rounding instead of being typed by hand.
import { outputSize, type LayerShape } from '../layer.js';

/** One activation tensor of the batch-1 network: channels x height x width. */
export interface Act {
  readonly c: number;
  readonly h: number;
  readonly w: number;
}

export const input = (c: number, h: number, w: number = h): Act => ({ c, h, w });

export interface ConvOptions {
  readonly stride?: number;
  readonly padding?: number;
  readonly groups?: number;
}

export interface PoolOptions {
  readonly padding?: number;
  /** PyTorch's ceil_mode (Caffe always rounds up): a partial window at the edge still yields an output. */
  readonly ceil?: boolean;
}

/** Output size of a max/avg pool with PyTorch's rule: with ceil_mode, drop a last window that starts in the padding. */
export function poolSize(inSize: number, kernel: number, stride: number, padding: number, ceil: boolean): number {
  if (!ceil) return outputSize(inSize, kernel, stride, padding);
  let out = Math.ceil((inSize + 2 * padding - kernel) / stride) + 1;
  if ((out - 1) * stride >= inSize + padding) out -= 1;
  return out;
}

export function pool(x: Act, kernel: number, stride: number, opts: PoolOptions = {}): Act {
  const padding = opts.padding ?? 0;
  const ceil = opts.ceil ?? false;
  return { c: x.c, h: poolSize(x.h, kernel, stride, padding, ceil), w: poolSize(x.w, kernel, stride, padding, ceil) };
}

/** Global average pooling before a classifier. */
export const globalPool = (x: Act): Act => ({ c: x.c, h: 1, w: 1 });

/** Channel concatenation (inception); the branches must agree on the spatial size. */
export function concat(...xs: Act[]): Act {
  const [first] = xs;
  if (first === undefined || xs.some((x) => x.h !== first.h || x.w !== first.w)) {
    throw new Error(`concat: branch sizes differ: ${xs.map((x) => `${x.h}x${x.w}`).join(', ')}`);
  }
  return { c: xs.reduce((sum, x) => sum + x.c, 0), h: first.h, w: first.w };
}

/** Element-wise residual add; a mismatch means the zoo description is wrong. */
export function add(a: Act, b: Act): Act {
  if (a.c !== b.c || a.h !== b.h || a.w !== b.w) {
    throw new Error(`add: shapes differ: ${a.c}x${a.h}x${a.w} vs ${b.c}x${b.h}x${b.w}`);
  }
  return a;
}

/** Collects the conv and FC layers of one network in execution order. */
export class NetBuilder {
  private readonly shapes: LayerShape[] = [];

  /** A k x k conv (square kernel, square stride, symmetric padding) producing m channels. */
  conv(x: Act, name: string, m: number, k: number, opts: ConvOptions = {}): Act {
    const stride = opts.stride ?? 1;
    const padding = opts.padding ?? 0;
    const groups = opts.groups ?? 1;
    this.shapes.push({ name, kind: 'conv', C: x.c, M: m, H: x.h, W: x.w, R: k, S: k, stride, padding, groups });
    return { c: m, h: outputSize(x.h, k, stride, padding), w: outputSize(x.w, k, stride, padding) };
  }

  /** A fully connected layer as the conv whose filter covers the whole input (E = F = 1). */
  fc(x: Act, name: string, m: number): Act {
    this.shapes.push({ name, kind: 'fc', C: x.c, M: m, H: x.h, W: x.w, R: x.h, S: x.w, stride: 1, padding: 0, groups: 1 });
    return { c: m, h: 1, w: 1 };
  }

  build(): LayerShape[] {
    return [...this.shapes];
  }
}
