// Edit distance with adjacent swaps (optimal string alignment), stopped early once
// it exceeds a bound: `throtling` → `throttling` is 1, `celary` → `celery` is 1,
// `teh` → `the` is 1. Only cells within `max` of the diagonal are worked out.

let rows: Int32Array[] = [new Int32Array(0), new Int32Array(0), new Int32Array(0)];

/** The distance between two strings, or `max + 1` when it is more than `max`. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > max) return max + 1;
  const over = max + 1;
  if (rows[0]!.length < n + 1) rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  let prev2 = rows[0]!;
  let prev = rows[1]!;
  let cur = rows[2]!;
  for (let j = 0; j <= n; j += 1) prev[j] = j <= max ? j : over;
  for (let i = 1; i <= m; i += 1) {
    const from = Math.max(1, i - max);
    const to = Math.min(n, i + max);
    cur[0] = i <= max ? i : over;
    if (from > 1) cur[from - 1] = over;
    let rowMin = from === 1 ? cur[0]! : over;
    const ca = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j += 1) {
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d > over ? over : d;
      if (d < rowMin) rowMin = d;
    }
    if (to < n) cur[to + 1] = over;
    if (rowMin > max) return over;
    const spare = prev2;
    prev2 = prev;
    prev = cur;
    cur = spare;
  }
  return Math.min(prev[n]!, over);
}

/**
 * False when `a` and `b` are surely more than `max` apart, from their first two
 * characters alone (a sound test for one typo: one substitution, insertion, deletion
 * or swap leaves the first or the second character in place, or moves one of them by
 * one); true otherwise, and for two typos or more. Most terms of a journal fail it,
 * which spares working out their distance.
 */
export function mayBeWithin(a: string, b: string, max: number): boolean {
  if (max !== 1 || a.length < 2 || b.length < 2) return true;
  const a0 = a.charCodeAt(0);
  const a1 = a.charCodeAt(1);
  const b0 = b.charCodeAt(0);
  const b1 = b.charCodeAt(1);
  return a0 === b0 || a1 === b1 || a0 === b1 || a1 === b0;
}
