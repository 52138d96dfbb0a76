/**
 * The `n` smallest items by `cmp`, in order. A bounded max-heap keeps the n best seen so far,
 * so picking a 2,000-row snapshot from 100k matches costs about one comparison per match
 * instead of a full sort.
 */
export function smallest<T>(items: Iterable<T>, n: number, cmp: (a: T, b: T) => number): T[] {
  const heap: T[] = [];
  if (n <= 0) return heap;
  const swap = (i: number, j: number) => {
    const t = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = t;
  };
  for (const x of items) {
    if (heap.length < n) {
      heap.push(x);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (cmp(heap[i]!, heap[parent]!) <= 0) break;
        swap(i, parent);
        i = parent;
      }
    } else if (cmp(x, heap[0]!) < 0) {
      heap[0] = x;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let big = i;
        if (l < n && cmp(heap[l]!, heap[big]!) > 0) big = l;
        if (r < n && cmp(heap[r]!, heap[big]!) > 0) big = r;
        if (big === i) break;
        swap(i, big);
        i = big;
      }
    }
  }
  return heap.sort(cmp);
}
