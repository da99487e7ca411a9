import { HostplanError } from '../errors.js';
import { formatDecimal } from '../format/numbers.js';

/** A vector packing instance: bin capacity per dimension and one size vector per item. */
export interface VectorInstance {
  readonly capacity: readonly number[];
  /** Item sizes, demands expanded (an item type with demand 3 gives three items). */
  readonly items: readonly (readonly number[])[];
}

/** Most items (demands expanded) a `.vbp` instance may expand to. */
export const VBP_MAX_ITEMS = 1_000_000;

/**
 * Parses a VPSolver `.vbp` instance: line 1 the number of dimensions d, line 2 the d bin
 * capacities, line 3 the number of item types m, then m lines `w_1 ... w_d demand`; demands
 * are expanded into identical items, in file order, at most 1,000,000 (`VBP_MAX_ITEMS`) in all. An
 * item type larger than the bin on some dimension has no packing: refused too. Throws a
 * `HostplanError` (`parse-error`) naming the line and what was expected. O(size of the text +
 * items).
 *
 * @example
 * parseVbp('2\n10 10\n2\n6 3 1\n4 7 2\n')
 * // => { capacity: [10, 10], items: [[6, 3], [4, 7], [4, 7]] }
 */
export function parseVbp(text: string, file = 'vbp'): VectorInstance {
  const lines = text.split(/\r?\n/).map((l, i) => ({ n: i + 1, t: l.trim() })).filter((l) => l.t !== '' && !l.t.startsWith('#'));
  let at = 0;
  const next = (what: string): { n: number; nums: number[] } => {
    const l = lines[at++];
    if (!l) throw new HostplanError('parse-error', `${file}:${(lines[lines.length - 1]?.n ?? 0) + 1}`, `unexpected end of file: expected ${what}`, what);
    const nums = l.t.split(/\s+/).map(Number);
    const bad = nums.findIndex((x) => !Number.isFinite(x) || x < 0);
    if (bad >= 0) throw new HostplanError('parse-error', `${file}:${l.n}`, `expected ${what}, got ${JSON.stringify(l.t.split(/\s+/)[bad])}`, what, l.t);
    return { n: l.n, nums };
  };
  const dl = next('the number of dimensions');
  const d = dl.nums[0]!;
  if (dl.nums.length !== 1 || !Number.isInteger(d) || d < 1) throw new HostplanError('parse-error', `${file}:${dl.n}`, 'expected one integer >= 1 (the number of dimensions)', 'integer >= 1', dl.nums.join(' '));
  const cl = next(`${d} bin capacities`);
  if (cl.nums.length !== d || cl.nums.some((c) => c <= 0)) throw new HostplanError('parse-error', `${file}:${cl.n}`, `expected ${d} bin capacities > 0, got ${cl.nums.length} values`, `${d} numbers > 0`, cl.nums.join(' '));
  const ml = next('the number of item types');
  const m = ml.nums[0]!;
  if (ml.nums.length !== 1 || !Number.isInteger(m)) throw new HostplanError('parse-error', `${file}:${ml.n}`, 'expected one integer (the number of item types)', 'integer >= 0', ml.nums.join(' '));
  const items: number[][] = [];
  for (let i = 0; i < m; i++) {
    const il = next(`item type ${i + 1}: ${d} sizes and a demand`);
    if (il.nums.length !== d + 1) throw new HostplanError('parse-error', `${file}:${il.n}`, `expected ${d} sizes and a demand, got ${il.nums.length} values`, `${d + 1} numbers`, il.nums.join(' '));
    const demand = il.nums[d]!;
    if (!Number.isInteger(demand)) throw new HostplanError('parse-error', `${file}:${il.n}`, `expected an integer demand, got ${demand}`, 'integer >= 0', demand);
    const size = il.nums.slice(0, d);
    const over = size.findIndex((w, k) => w > cl.nums[k]!);
    if (over >= 0 && demand > 0) {
      throw new HostplanError('parse-error', `${file}:${il.n}`, `item type ${i + 1} is larger than the bin on dimension ${over + 1} (${size[over]} > ${cl.nums[over]}): no packing exists`, `sizes <= ${cl.nums.join(' ')}`, il.nums.join(' '));
    }
    if (items.length + demand > VBP_MAX_ITEMS) {
      throw new HostplanError('parse-error', `${file}:${il.n}`, `demand ${demand} expands the instance to more than ${formatDecimal(VBP_MAX_ITEMS, 3)} items`, `at most ${VBP_MAX_ITEMS} items in all`, demand);
    }
    for (let k = 0; k < demand; k++) items.push(size);
  }
  if (at < lines.length) throw new HostplanError('parse-error', `${file}:${lines[at]!.n}`, `expected end of file after ${m} item types`, 'end of file', lines[at]!.t);
  return { capacity: cl.nums, items };
}
