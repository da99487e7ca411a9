/**
 * The moves of bin elimination (internal, see `eliminateBins`): items of an emptied bin wait in
 * a pool; direct insertion and swaps against the other bins try to place them all.
 */

/** A bin during the search: its items, their summed sizes per dimension and their volume. */
export interface Bin {
  items: number[];
  readonly load: Float64Array;
  volume: number;
}

/** The problem's arrays, flat as in `VectorProblem`, and the search's random source (internal). */
export interface SearchContext {
  readonly dims: number;
  readonly capacity: Float64Array;
  /** Floating-point slack allowed per dimension. */
  readonly slack: Float64Array;
  /** Item i's size in dimension k: sizes[i * dims + k]. */
  readonly sizes: Float64Array;
  /** What moving an item out of the pool is worth (its volume, or its volume squared). */
  readonly volume: Float64Array;
  readonly random: () => number;
}

/** One attempt at emptying a bin: move evaluations spent, the iteration, and until when each item is tabu. */
interface Attempt {
  effort: number;
  iteration: number;
  readonly tabuUntil: Map<number, number>;
  /** Scratch: how much the bin overflows per dimension with the pool items put in. */
  readonly overflow: Float64Array;
}

/** Pool items `into` go into bin `bin`, its items `out` go to the pool. */
interface Swap {
  readonly bin: number;
  readonly into: readonly number[];
  readonly out: readonly number[];
}

function fitsWith(ctx: SearchContext, load: Float64Array, item: number): boolean {
  const { dims, sizes, capacity, slack } = ctx;
  for (let k = 0; k < dims; k++) if (load[k]! + sizes[item * dims + k]! > capacity[k]! + slack[k]!) return false;
  return true;
}

/** Puts an item into a bin. O(dims). */
function addItem(ctx: SearchContext, bin: Bin, item: number): void {
  bin.items.push(item);
  for (let k = 0; k < ctx.dims; k++) bin.load[k]! += ctx.sizes[item * ctx.dims + k]!;
  bin.volume += ctx.volume[item]!;
}

function removeItem(ctx: SearchContext, bin: Bin, item: number): void {
  bin.items.splice(bin.items.indexOf(item), 1);
  for (let k = 0; k < ctx.dims; k++) bin.load[k]! -= ctx.sizes[item * ctx.dims + k]!;
  bin.volume -= ctx.volume[item]!;
}

/** Step 1: each pool item, largest first, into the fullest bin where it fits; returns with the placed items gone from the pool. */
function insertDirectly(ctx: SearchContext, bins: Bin[], pool: number[], attempt: Attempt): void {
  pool.sort((a, b) => ctx.volume[b]! - ctx.volume[a]! || a - b);
  for (let j = 0; j < pool.length; j++) {
    const item = pool[j]!;
    let target = -1;
    let targetVolume = -1;
    for (let bin = 0; bin < bins.length; bin++) {
      attempt.effort++;
      const b = bins[bin]!;
      if (b.volume > targetVolume && fitsWith(ctx, b.load, item)) {
        target = bin;
        targetVolume = b.volume;
      }
    }
    if (target >= 0) {
      addItem(ctx, bins[target]!, item);
      attempt.tabuUntil.set(item, attempt.iteration + 3);
      pool.splice(j, 1);
      j--;
    }
  }
}

/** The best swap so far and its gain. */
interface BestSwap {
  gain: number;
  swap: Swap | null;
}

/**
 * Step 2 on one bin: every group `into` of one or two pool items against zero, one or two of
 * the bin's non-tabu items (pairs only in bins of at most 40 items), scored by the volume moved
 * out of the pool; ties broken at random. Updates `best`.
 */
function bestSwapInBin(ctx: SearchContext, bins: Bin[], bin: number, groups: readonly number[][], attempt: Attempt, best: BestSwap): void {
  const { dims, capacity, slack, sizes, volume, random } = ctx;
  const { tabuUntil, iteration, overflow } = attempt;
  const b = bins[bin]!;
  const items = b.items;
  for (const into of groups) {
    let overflows = false;
    for (let k = 0; k < dims; k++) {
      let x = b.load[k]! - capacity[k]! - slack[k]!;
      for (const t of into) x += sizes[t * dims + k]!;
      overflow[k] = x;
      if (x > 0) overflows = true;
    }
    let volumeIn = 0;
    for (const t of into) volumeIn += volume[t]!;
    if (!overflows) continue; // would have been inserted directly (only possible for pairs)
    for (let x = 0; x < items.length; x++) {
      const out1 = items[x]!;
      if ((tabuUntil.get(out1) ?? -1) > iteration) continue;
      attempt.effort++;
      let fits1 = true;
      for (let k = 0; k < dims; k++) if (overflow[k]! > 0 && sizes[out1 * dims + k]! < overflow[k]!) { fits1 = false; break; }
      const gain1 = volumeIn - volume[out1]!;
      if (fits1 && (gain1 > best.gain || (gain1 === best.gain && random() < 0.5))) [best.gain, best.swap] = [gain1, { bin, into, out: [out1] }];
      if (items.length > 40) continue;
      for (let y = x + 1; y < items.length; y++) {
        const out2 = items[y]!;
        if ((tabuUntil.get(out2) ?? -1) > iteration) continue;
        const gain2 = gain1 - volume[out2]!;
        if (gain2 < best.gain) continue;
        attempt.effort++;
        let fits2 = true;
        for (let k = 0; k < dims; k++) if (overflow[k]! > 0 && sizes[out1 * dims + k]! + sizes[out2 * dims + k]! < overflow[k]!) { fits2 = false; break; }
        if (fits2 && (gain2 > best.gain || random() < 0.5)) [best.gain, best.swap] = [gain2, { bin, into, out: [out1, out2] }];
      }
    }
  }
}

/** Step 2: the best non-tabu swap over the bins, until the budget is spent; null when there is none. */
function bestSwap(ctx: SearchContext, bins: Bin[], pool: readonly number[], attempt: Attempt, budget: number): Swap | null {
  const groups: number[][] = pool.map((t) => [t]);
  if (pool.length <= 24) for (let a = 0; a < pool.length; a++) for (let c = a + 1; c < pool.length; c++) groups.push([pool[a]!, pool[c]!]);
  const best: BestSwap = { gain: -Infinity, swap: null };
  for (let bin = 0; bin < bins.length; bin++) {
    bestSwapInBin(ctx, bins, bin, groups, attempt, best);
    if (attempt.effort >= budget) break;
  }
  return best.swap;
}

function applySwap(ctx: SearchContext, bins: Bin[], pool: number[], swap: Swap, attempt: Attempt): void {
  const b = bins[swap.bin]!;
  for (const s of swap.out) { removeItem(ctx, b, s); pool.push(s); }
  for (const t of swap.into) {
    addItem(ctx, b, t);
    pool.splice(pool.indexOf(t), 1);
    attempt.tabuUntil.set(t, attempt.iteration + 5 + Math.floor(ctx.random() * 10));
  }
}

/**
 * Tries to place every pool item into `bins` (changed in place): alternately direct insertion
 * and the best non-tabu swap, until the pool is empty (`ok`) or `budget` move evaluations are
 * spent. O(budget).
 *
 * @example
 * searchPool(ctx, bins, [4, 9], 10_000) // => { ok: true, effort: 1234 }
 */
export function searchPool(ctx: SearchContext, bins: Bin[], pool: number[], budget: number): { ok: boolean; effort: number } {
  const attempt: Attempt = { effort: 0, iteration: 0, tabuUntil: new Map(), overflow: new Float64Array(ctx.dims) };
  for (; attempt.effort < budget; attempt.iteration++) {
    insertDirectly(ctx, bins, pool, attempt);
    if (pool.length === 0) return { ok: true, effort: attempt.effort };
    const swap = bestSwap(ctx, bins, pool, attempt, budget);
    if (!swap) return { ok: false, effort: attempt.effort };
    applySwap(ctx, bins, pool, swap, attempt);
  }
  return { ok: false, effort: attempt.effort };
}
