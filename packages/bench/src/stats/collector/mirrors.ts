import type { ResolvedStatsOptions } from '../options.js';
import type { KeptValues } from './keptValues.js';
import type { RowMatrix } from './rowMatrix.js';
import type { SeriesState } from './seriesState.js';

/**
 * A series whose present values are, one for one and in order, `(0 + v x scale) + offset` of
 * another series' values v (a derived demand series of one member, sent with
 * `SeriesSink.mirrors`, or declared with `SeriesSink.declares`): the collector keeps no values
 * for it and does no per-value work for it but its threshold runs (if any rule matches it) and
 * its missing count. Its order statistics are the mapped order statistics of its source (the
 * map is monotonic, scale > 0), its other statistics the source's mapped
 * (`SeriesState.deriveFrom`). A hint is checked on every block of rows, a declaration only for
 * overflows ({@link MirrorBook.guard}); on the first block where it does not hold, the values
 * mirrored so far are copied from the source, its trackers derived from the source's, and it
 * folds its own from then on.
 */
export interface Mirror {
  readonly source: SeriesState;
  readonly scale: number;
  readonly offset: number;
  /** Present values mirrored so far: the source's first `count` kept values. */
  count: number;
  /** Present values in the row matrix being folded (set when it is checked). */
  present: number;
  /** Whether its trackers hold its source's current state, mapped (derived since the source last folded). */
  derived: boolean;
  /**
   * Whether it is declared (`SeriesSink.declares`): its values are not sent, so there is no
   * column to check; its present count is its source's, unless a mapped value overflows
   * ({@link MirrorBook.guard}). False for a hint, checked on every block.
   */
  declared: boolean;
  /** Source values up to this magnitude map to finite values (-1: check each block exactly). */
  readonly safeAbs: number;
}

/**
 * The mirrored value of `v`, computed as the demand sink computes a one-member sum.
 *
 * @example
 * mirroredValue(50, 0.01, 0) // => 0.5
 */
export function mirroredValue(v: number, scale: number, offset: number): number {
  return 0 + v * scale + offset;
}

/**
 * The largest |v| whose mapped value `(0 + v x scale) + offset` is surely finite: both terms
 * stay below a quarter of the largest double; -1 when the offset alone is that large.
 */
function safeMagnitude(scale: number, offset: number): number {
  const quarter = Number.MAX_VALUE / 4;
  return Math.abs(offset) > quarter ? -1 : quarter / scale;
}

/** Whether `a` and `b` are the same number, a signed zero by its sign and NaN equal to NaN (Object.is without its cost). */
function same(a: number, b: number): boolean {
  if (a === b) return a !== 0 || 1 / a === 1 / b;
  return a !== a && b !== b;
}

/**
 * Whether, in the first `rows` rows of a row matrix `width` wide, column `column` holds the
 * mirrored values of column `sourceColumn` (missing where it is missing): the number of present
 * values when it does, -1 when it does not.
 *
 * @example
 * columnMirrors(Float64Array.of(50, 0.5, NaN, NaN), 2, 2, 1, 0, 0.01, 0) // => 1
 */
export function columnMirrors(matrix: Float64Array, width: number, rows: number, column: number, sourceColumn: number, scale: number, offset: number): number {
  let present = 0;
  for (let r = 0, at = 0; r < rows; r++, at += width) {
    const v = matrix[at + sourceColumn]!;
    const m = matrix[at + column]!;
    if (v - v === 0) {
      // a mapped value that overflows would be missing in one series and present in the other
      const mapped = 0 + v * scale + offset;
      if (!(mapped - mapped === 0) || !same(m, mapped)) return -1;
      present++;
    } else if (m - m === 0) return -1;
  }
  return present;
}

/** Whether each of `values[0..k)` maps to a finite value. */
function allMapFinite(values: Float64Array, k: number, scale: number, offset: number): boolean {
  for (let i = 0; i < k; i++) {
    const mapped = 0 + values[i]! * scale + offset;
    if (!(mapped - mapped === 0)) return false;
  }
  return true;
}

/**
 * The largest scale a mirror hint may have. A mirror's moments are its source's, mapped: the
 * map multiplies the source's absolute rounding errors too, which in the subnormal range are
 * absolute (2^-1074 a step), so a huge scale would make them visible (values near 1e-322 and a
 * scale of 1e308). Demand rules scale by 100 at most; 2^64 leaves room and keeps those errors
 * below 2^-1010.
 */
const MAX_MIRROR_SCALE = 2 ** 64;

/**
 * Whether a hint may be taken: a positive finite scale up to 2^64 ({@link MAX_MIRROR_SCALE})
 * and a finite offset (a monotonic map keeps the order, so order statistics map over), and a
 * collector that selects exactly from kept or spilled values (no sketch asked for, a spill
 * file, a replayable source: a sketch would need every value, and without a spill file every
 * series is replayed anyway).
 *
 * @example
 * mirrorAllowed(0.01, 0, { sketch: false, spillDirectory: '/tmp', replay: true }) // => true
 * mirrorAllowed(-1, 100, { sketch: false, spillDirectory: '/tmp', replay: true }) // => false (the order reverses)
 */
export function mirrorAllowed(scale: number, offset: number, options: { readonly sketch: false | number; readonly spillDirectory: string | false; readonly replay: boolean }): boolean {
  return scale > 0 && scale <= MAX_MIRROR_SCALE && Number.isFinite(offset) && options.sketch === false && options.spillDirectory !== false && options.replay;
}

/**
 * The mirror hints a collector received and the mirrors it keeps: a hint is taken when its
 * series is announced, if its source is a series of this collector and no sample has arrived
 * yet (so both hold the same rows from the first); a mirror ends, its values copied from the
 * source, as soon as the two series could differ.
 */
export class MirrorBook {
  private readonly hints = new Map<number, { readonly sourceIndex: number; readonly scale: number; readonly offset: number }>();
  /** The series mirrored now. */
  readonly active: SeriesState[] = [];

  constructor(private readonly o: ResolvedStatsOptions, private readonly kept: KeptValues) {}

  /** Notes a hint for the series `index` to come (`SeriesSink.mirrors`). */
  hint(index: number, sourceIndex: number, scale: number, offset: number): void {
    if (mirrorAllowed(scale, offset, this.o)) this.hints.set(index, { sourceIndex, scale, offset });
  }

  /** Takes the hint of the series `s` just created, if any, when its source is among `states` (this collector's) and no sample arrived yet (`started` false). */
  attach(s: SeriesState, states: readonly (SeriesState | undefined)[], started: boolean): void {
    const h = this.hints.get(s.index);
    if (h === undefined) return;
    this.hints.delete(s.index);
    const source = states[h.sourceIndex];
    if (started || source === undefined || source === s || source.mirror !== null || this.kept.dropped) return;
    s.mirror = { source, scale: h.scale, offset: h.offset, count: 0, present: 0, derived: false, declared: s.declared !== null, safeAbs: safeMagnitude(h.scale, h.offset) };
    source.mirroredBy.push(s);
    this.active.push(s);
    // an aligned mirror of a source that is not: the source folds into the mirror's tracker
    if (s.buckets !== null && source.buckets === null) source.mirrorBuckets.push(s.buckets);
  }

  /**
   * Ends the mirror of `s`: its trackers become its source's state mapped, and the values it
   * mirrored, copied from its source and mapped, its own kept values. Call it before the source
   * folds anything more, and fold `s` directly from then on.
   */
  end(s: SeriesState): void {
    const m = s.mirror;
    if (m === null) return;
    s.mirror = null;
    s.deriveFrom(m.source, m.scale, m.offset);
    const folded = s.buckets === null ? -1 : m.source.mirrorBuckets.indexOf(s.buckets);
    if (folded >= 0) {
      m.source.mirrorBuckets.splice(folded, 1);
      s.buckets!.mapInPlace(m.scale, m.offset);
    }
    m.source.mirroredBy.splice(m.source.mirroredBy.indexOf(s), 1);
    this.active.splice(this.active.indexOf(s), 1);
    if (m.count === 0 || this.kept.dropped) return; // dropped values are selected by replays, mirrored or not
    const values = this.kept.firstValues(m.source, m.count);
    for (let i = 0; i < values.length; i++) values[i] = mirroredValue(values[i]!, m.scale, m.offset);
    this.kept.keep(s, values, values.length);
  }

  /**
   * Checks the first `rows` rows of a row matrix against every mirror before any series folds
   * it, noting each one's present values, and ends the mirrors it breaks (a mirror whose source
   * gets these rows and it not, or the reverse, or a column not its source's mapped): an ending
   * mirror takes its source's state of the rows before, whichever of the two comes first.
   */
  check(m: RowMatrix, rows: number): void {
    const active = this.active;
    for (let k = active.length - 1; k >= 0; k--) {
      const s = active[k]!;
      const mirror = s.mirror!;
      if (mirror.declared) continue; // it gets the rows its source gets, its values are the source's mapped (guard)
      const inside = s.index < m.width;
      if (inside !== mirror.source.index < m.width) this.end(s);
      else if (!inside) mirror.present = 0;
      else if ((mirror.present = columnMirrors(m.values, m.width, rows, s.index, mirror.source.index, mirror.scale, mirror.offset)) < 0) this.end(s);
    }
  }

  /**
   * Before `source` folds the `k` present values of a block of rows (`values`, their largest
   * magnitude `peakAbs`): notes them as the present values of each declared mirror of it, or
   * ends the mirror when one of them maps to a value that is not finite (missing in the
   * mirror, present in its source). No per-value work unless `peakAbs` is beyond a mirror's
   * safe magnitude.
   */
  guard(source: SeriesState, values: Float64Array, k: number, peakAbs: number): void {
    const by = source.mirroredBy;
    for (let j = by.length - 1; j >= 0; j--) {
      const s = by[j]!;
      const m = s.mirror!;
      if (!m.declared) continue;
      if (peakAbs <= m.safeAbs || allMapFinite(values, k, m.scale, m.offset)) m.present = k;
      else this.end(s);
    }
  }

  /** Folds a block of rows into the mirror `s` ({@link SeriesState.foldMirrored}): `k` present values, `missing` missing ones. */
  folded(s: SeriesState, times: Float64Array, values: Float64Array, k: number, missing: number): void {
    s.foldMirrored(times, values, k, missing);
    s.mirror!.count += k;
    s.mirror!.derived = false;
  }

  /** Ends every mirror `s` takes part in (a single sample to either series, which rows do not show). */
  endAround(s: SeriesState): void {
    this.end(s);
    while (s.mirroredBy.length > 0) this.end(s.mirroredBy[0]!);
  }

  /** Derives the trackers of every active mirror from its source's (before results are read), unless they are already. */
  deriveAll(): void {
    for (const s of this.active) {
      const m = s.mirror!;
      if (!m.derived) s.deriveFrom(m.source, m.scale, m.offset);
      m.derived = true;
    }
  }

  /** The mirrored values of `s`, from its source's kept values `sourceValues` (in a new array). */
  mapped(s: SeriesState, sourceValues: Float64Array): Float64Array {
    const m = s.mirror!;
    const out = new Float64Array(sourceValues.length);
    for (let i = 0; i < out.length; i++) out[i] = mirroredValue(sourceValues[i]!, m.scale, m.offset);
    return out;
  }

  /** Adds the order statistics of every active mirror to `exact` (by `series:rank`): its source's, mapped. */
  selectInto(exact: Map<string, number>, ranksOf: (count: number) => number[]): void {
    for (const s of this.active) {
      const m = s.mirror!;
      const count = s.moments.count;
      if (count !== m.source.moments.count) throw new Error(`mirror: series ${s.index} has ${count} values, its source ${m.source.index} ${m.source.moments.count}`);
      for (const rank of ranksOf(count)) exact.set(`${s.index}:${rank}`, mirroredValue(exact.get(`${m.source.index}:${rank}`)!, m.scale, m.offset));
    }
  }
}
