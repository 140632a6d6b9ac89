// Bounded pass shapes of one layer stored column-wise in typed arrays: a search bounds 10^4..10^5 shapes
// per layer, and keeping each as an object cost the garbage collector more than bounding them did.
import type { PassShape } from '../mapping/passShapes.js';

export interface ShapeBound {
  readonly key: [number, number];
  /** Energy of the bound (the part a completion cannot change, plus the ideal rest). */
  readonly energy: number;
  /** Cycles no completion can change: compute and the ifmap bus. */
  readonly shapeCycles: number;
}

export interface StoredShape extends ShapeBound {
  readonly shape: PassShape;
}

export class ShapeTable {
  private size = 0;
  private factors = new Int32Array(7 * 1024);
  private numbers = new Float64Array(4 * 1024);
  private groupOf = new Int32Array(1024);
  private readonly groupIds = new Map<string, number>();

  get count(): number {
    return this.size;
  }

  get groupCount(): number {
    return this.groupIds.size;
  }

  add(shape: PassShape, groupKey: string, key: readonly [number, number], energy: number, shapeCycles: number): void {
    if (this.size === this.groupOf.length) this.grow();
    const i = this.size++;
    const f = this.factors;
    f[7 * i] = shape.e;
    f[7 * i + 1] = shape.r;
    f[7 * i + 2] = shape.t;
    f[7 * i + 3] = shape.g;
    f[7 * i + 4] = shape.p;
    f[7 * i + 5] = shape.q;
    f[7 * i + 6] = shape.n;
    const n = this.numbers;
    n[4 * i] = key[0];
    n[4 * i + 1] = key[1];
    n[4 * i + 2] = energy;
    n[4 * i + 3] = shapeCycles;
    let group = this.groupIds.get(groupKey);
    if (group === undefined) {
      group = this.groupIds.size;
      this.groupIds.set(groupKey, group);
    }
    this.groupOf[i] = group;
  }

  /** The members of every group, as lists of shape indices (groups numbered in first-seen order). */
  groups(): number[][] {
    const members: number[][] = Array.from({ length: this.groupIds.size }, () => []);
    for (let i = 0; i < this.size; i++) members[this.groupOf[i]].push(i);
    return members;
  }

  bound(i: number): ShapeBound {
    const n = this.numbers;
    return { key: [n[4 * i], n[4 * i + 1]], energy: n[4 * i + 2], shapeCycles: n[4 * i + 3] };
  }

  shape(i: number): StoredShape {
    const f = this.factors.subarray(7 * i, 7 * i + 7);
    const shape: PassShape = { e: f[0], r: f[1], t: f[2], g: f[3], p: f[4], q: f[5], n: f[6] };
    return { shape, ...this.bound(i) };
  }

  private grow(): void {
    const grown = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(a.length * 2);
      b.set(a);
      return b;
    };
    this.factors = grown(this.factors, (n) => new Int32Array(n));
    this.numbers = grown(this.numbers, (n) => new Float64Array(n));
    this.groupOf = grown(this.groupOf, (n) => new Int32Array(n));
  }
}
