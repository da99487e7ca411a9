import type { SeriesState } from './seriesState.js';

/** How a declared series' values follow from its source's (`SeriesSink.declares`). */
export interface Declaration {
  readonly sourceIndex: number;
  readonly scale: number;
  readonly offset: number;
}

/**
 * The declared series a collector knows (`SeriesSink.declares`): those announced and not
 * revoked, kept here or not (every shard of a parallel run sees the same, so all agree on the
 * width a row stands for), and this collector's own, in index order (folded after the columns
 * of each row matrix, from their sources' columns).
 */
export class Declarations {
  /** Declarations of series not announced yet. */
  private readonly pending = new Map<number, Declaration>();
  /** Declared series announced and not revoked, by index. */
  private readonly live = new Map<number, Declaration>();
  /** The lowest live index (Infinity: none) and 1 + the highest (0: none). */
  lowest = Infinity;
  end = 0;
  /** This collector's declared series, in index order. */
  readonly states: SeriesState[] = [];

  /** Notes the declaration of the series `index` to come. */
  declare(index: number, d: Declaration): void {
    this.pending.set(index, d);
  }

  /**
   * The declaration of the series `index` being announced, if any: it becomes live. Throws
   * when its source is not a series announced before that is not declared (`known`).
   */
  announce(index: number, known: (index: number) => boolean): Declaration | null {
    const d = this.pending.get(index);
    if (d === undefined) return null;
    this.pending.delete(index);
    if (d.sourceIndex === index || !known(d.sourceIndex) || this.live.has(d.sourceIndex)) {
      throw new Error(`declares: series ${index} is declared from series ${d.sourceIndex}, which is not a series announced before it nor one sent (SeriesSink.declares)`);
    }
    this.live.set(index, d);
    this.bounds();
    return d;
  }

  /** Adds a declared series of this collector (after {@link announce}). */
  keep(s: SeriesState, d: Declaration): void {
    s.declared = d;
    let at = this.states.length;
    while (at > 0 && this.states[at - 1]!.index > s.index) at--;
    this.states.splice(at, 0, s);
  }

  /** Whether the series `index` is declared now. */
  has(index: number): boolean {
    return this.live.has(index);
  }

  /** The live indices below `count` (those a row of `count` values covers), in order. */
  below(count: number): number[] {
    return [...this.live.keys()].filter((i) => i < count).sort((a, b) => a - b);
  }

  /** Ends the declaration of the series `index`: if this collector keeps it, a mirror of it is checked from now on, or it folds what it is sent. */
  revoke(index: number): void {
    if (!this.live.delete(index)) return;
    this.bounds();
    const at = this.states.findIndex((s) => s.index === index);
    if (at < 0) return;
    const s = this.states.splice(at, 1)[0]!;
    s.declared = null;
    if (s.mirror !== null) s.mirror.declared = false;
  }

  /** The width a row of `count` values stands for: it gives every declared series a value too. */
  span(count: number): number {
    return this.end > count ? this.end : count;
  }

  private bounds(): void {
    let lowest = Infinity;
    let end = 0;
    for (const i of this.live.keys()) {
      if (i < lowest) lowest = i;
      if (i + 1 > end) end = i + 1;
    }
    this.lowest = lowest;
    this.end = end;
  }
}
