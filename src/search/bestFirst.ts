// Items in increasing (key0, key1, index) order, produced lazily from a binary heap: a search completes only
// the first few hundred of 10^3..10^4 pass tiles, so ordering all of them would be wasted work.

export function* bestFirst(key0: Float64Array, key1: Float64Array): Generator<number> {
  const n = key0.length;
  const heap = new Int32Array(n);
  const less = (a: number, b: number) =>
    key0[a] < key0[b] || (key0[a] === key0[b] && (key1[a] < key1[b] || (key1[a] === key1[b] && a < b)));
  const down = (from: number, size: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) return;
      const c = l + 1 < size && less(heap[l + 1], heap[l]) ? l + 1 : l;
      if (!less(heap[c], heap[i])) return;
      [heap[c], heap[i]] = [heap[i], heap[c]];
      i = c;
    }
  };
  for (let i = 0; i < n; i++) heap[i] = i;
  for (let i = (n >> 1) - 1; i >= 0; i--) down(i, n);
  for (let size = n; size > 0; size--) {
    const top = heap[0];
    heap[0] = heap[size - 1];
    down(0, size - 1);
    yield top;
  }
}
