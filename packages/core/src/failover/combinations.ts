/**
 * Binomial coefficient C(n, k), exact for the sizes a cluster has (n <= 64). O(k).
 *
 * @example
 * choose(6, 2) // => 15
 */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) c = (c * (n - Math.min(k, n - k) + i)) / i;
  return Math.round(c);
}

/**
 * Every k-subset of `items`, in lexicographic order of positions, lazily. O(C(n, k) x k).
 *
 * @example
 * [...combinations(['a', 'b', 'c'], 2)] // => [['a', 'b'], ['a', 'c'], ['b', 'c']]
 */
export function* combinations<T>(items: readonly T[], k: number): Generator<T[]> {
  const n = items.length;
  if (k > n || k < 0) return;
  const idx = Array.from({ length: k }, (_, i) => i);
  while (true) {
    yield idx.map((i) => items[i]!);
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) return;
    idx[i]!++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1]! + 1;
  }
}


/**
 * Up to `count` distinct random k-subsets of `items` (positions sorted), none in `exclude`
 * (keys are positions joined by commas). Partial Fisher-Yates per draw; gives up after
 * 20 x count draws. O(count x n).
 *
 * @example
 * sampleCombinations(['a', 'b', 'c', 'd'], 2, 3, seededRandom(7)).length // => 3
 */
export function sampleCombinations<T>(items: readonly T[], k: number, count: number, random: () => number, exclude: ReadonlySet<string> = new Set()): T[][] {
  const out: T[][] = [];
  const seen = new Set(exclude);
  const n = items.length;
  for (let tries = 0; out.length < count && tries < 20 * count; tries++) {
    const pos = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(random() * (n - i));
      [pos[i], pos[j]] = [pos[j]!, pos[i]!];
    }
    const pick = pos.slice(0, k).sort((a, b) => a - b);
    const key = pick.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(pick.map((i) => items[i]!));
  }
  return out;
}
