import type { ReadIssue, SeriesKey, SeriesSink } from '../series/types.js';
import { matchCounter, type CounterMap, type CounterMatch, type DemandResource } from './counterMap.js';
import { LogVmNames, namesDiskPaths, type EntityResolver } from './entityResolver.js';
import { rowTables, sentWidth, type RowTables } from './rowTables.js';

/** The object name of derived demand series. */
export const DEMAND_OBJECT = 'hostplan demand';

/** A derived series: the sum, at each timestamp, of the member series of one (resource, host, entity). */
export interface DemandGroup {
  /** Index of the derived series in the downstream sink (and so in the statistics). */
  readonly index: number;
  readonly resource: DemandResource;
  readonly host: string;
  /** Host name for host resources, VM name for VM resources. */
  readonly entity: string;
  /** Paths of the member counters. */
  readonly members: readonly string[];
  /** Members that are virtual processors (the VM's vCPU count), for `vm.cpuCores`. */
  readonly virtualProcessors: number;
}

/** Translates a (possibly localised) key to English object and counter names; null when unknown. */
export type CounterTranslator = (object: string, counter: string) => { object: string; counter: string } | null;

interface Member {
  readonly group: MutableGroup;
  readonly scale: number;
  readonly offset: number;
}

interface MutableGroup {
  /** Downstream index; -1 until announced (at the first value after its header). */
  index: number;
  /** Whether it is declared downstream, not sent (`SeriesSink.declares`): one member, rows only. */
  declared: boolean;
  /** Its first member: downstream index, scale and offset (what a group of one mirrors). */
  first: { readonly raw: number; readonly scale: number; readonly offset: number };
  resource: DemandResource;
  host: string;
  entity: string;
  members: string[];
  virtualProcessors: number;
  t: number;
  sum: number;
  present: number;
  missing: number;
}

/**
 * A sink between a reader and the statistics: forwards every raw series (renumbered, so that
 * series announced later never collide with derived ones) and adds one derived series per
 * (resource, host, entity) of the counter map, the sum of its members at each timestamp. A
 * derived sample is missing (NaN) when a member sent a missing value at that timestamp;
 * members that sent nothing at that time are not counted. Groups are flushed when their next
 * timestamp arrives and by `finish()`. Memory: O(series).
 *
 * VM entities go through `resolveEntity` (an inventory's ids). Without one, virtual disk paths
 * (storage device instances) join the VM whose name the log's other VM counters show and the
 * path holds as a whole token; disk series wait for the next value, so that every VM name of
 * their header is known (the first file's or a later one's, concatSources).
 *
 * Numbering: the raw series as they come, then, before the first value after their header (or
 * at `finish()`), the groups created since: those of several members, then those of one.
 *
 * Whole rows (`row`, the PDH reader's fast path) that hold every raw series go on as whole rows
 * of the raw and derived series, the derived values being the sums of their members in that
 * row (two rows at one time give two derived samples, where single samples would be summed).
 * A group of one member first met in a row goes to a downstream that takes declarations as
 * declared (`SeriesSink.declares`: its values, its member's mapped, are derived there), so rows
 * end before those groups and their values are neither computed nor sent; it is revoked before
 * its values are sent: when it gets a second member, when a row must cover it (a series sent
 * after it), and before any single sample. Other downstreams get a mirror hint for it.
 *
 * @example
 * const d = new DemandSink(collector, DEFAULT_COUNTER_MAP);
 * await readPerfFile('hv.csv', d); d.finish();
 * d.groups() // => [{ resource: 'host.cpuPercent', host: 'HV1', entity: 'HV1', ... }, ...]
 */
export class DemandSink implements SeriesSink {
  private readonly raw: number[] = [];
  private readonly members: (Member | null)[] = [];
  private readonly byName = new Map<string, MutableGroup>();
  private readonly list: MutableGroup[] = [];
  /** Groups created since the last value, announced before the next ({@link announce}). */
  private unannounced: MutableGroup[] = [];
  /** Groups declared downstream now. */
  private declaredCount = 0;
  private next = 0;
  /** Whether a group may hold a sum from single samples not yet sent. */
  private pending = false;
  /** The row path's tables and scratch arrays (rebuilt when series are added). */
  private rowTables: RowTables | null = null;
  /** Without an inventory: the VM names the log shows, for its disk paths. */
  private readonly logVms: LogVmNames | null;
  /** Disk series announced since the last value, waiting for every VM name of their header. */
  private waiting: { index: number; key: SeriesKey; match: CounterMatch }[] = [];
  private diskJoins = 0;

  constructor(
    private readonly downstream: SeriesSink,
    private readonly map: CounterMap,
    private readonly translate: CounterTranslator = () => null,
    /** Maps VM entities (VM names, VHD paths) to inventory VM ids; host entities are kept. */
    private readonly resolveEntity?: EntityResolver,
  ) {
    this.logVms = resolveEntity ? null : new LogVmNames();
  }

  series(index: number, key: SeriesKey): void {
    if (this.raw[index] !== undefined) return;
    this.rowTables = null;
    const i = this.next++;
    this.raw[index] = i;
    this.downstream.series(i, key);
    const english = this.translate(key.object, key.counter);
    const m = matchCounter(this.map, english ? { ...key, ...english } : key);
    this.members[index] = null;
    if (!m) return;
    const vm = m.resource.startsWith('vm.');
    if (vm && this.logVms && namesDiskPaths(english?.object ?? key.object)) {
      this.waiting.push({ index, key, match: m });
      return;
    }
    if (vm) this.logVms?.add(m.entity);
    this.join(index, key, m, vm && this.resolveEntity ? this.resolveEntity(m.entity) : m.entity);
  }

  /** The VM a disk path joins (the log's VM names), counted when it is not the path itself. */
  private diskOwner(path: string): string {
    const owner = this.logVms!.resolve(path);
    if (owner !== path) this.diskJoins++;
    return owner;
  }

  /** Before a value: the waiting disk series join their VMs, now that their header's names are known. */
  private joinWaiting(): void {
    for (const w of this.waiting) this.join(w.index, w.key, w.match, this.diskOwner(w.match.entity));
    this.waiting = [];
  }

  /** Disk paths that joined a VM of the log (no inventory); 0 with an inventory. */
  get diskPathsJoined(): number {
    return this.diskJoins;
  }

  /** Series `index` (forwarded as raw series `raw[index]`) becomes a member of the group of (resource, host, entity). */
  private join(index: number, key: SeriesKey, m: CounterMatch, entity: string): void {
    this.rowTables = null;
    const i = this.raw[index]!;
    const name = `${m.resource}\u0000${key.host}\u0000${entity}`;
    let g = this.byName.get(name);
    if (!g) {
      const first = { raw: i, scale: m.rule.scale ?? 1, offset: m.rule.offset ?? 0 };
      g = { index: -1, declared: false, first, resource: m.resource, host: key.host, entity, members: [], virtualProcessors: 0, t: NaN, sum: 0, present: 0, missing: 0 };
      this.byName.set(name, g);
      this.list.push(g);
      this.unannounced.push(g);
    } else if (g.declared) this.revoke(g); // a second member: its values are sums, sent from now on
    g.members.push(key.path);
    if (m.virtualProcessor) g.virtualProcessors++;
    this.members[index] = { group: g, scale: m.rule.scale ?? 1, offset: m.rule.offset ?? 0 };
  }

  /**
   * Before the first value after a header: joins the waiting disk series, then announces the
   * groups created since, after the header's raw series: those of several members first, then
   * those of one, each with a mirror hint, or, when the values come as rows (`viaRow`) and the
   * downstream takes declarations, declared (`SeriesSink.declares`): their values are not sent.
   */
  private announce(viaRow: boolean): void {
    if (this.waiting.length > 0) this.joinWaiting();
    if (this.unannounced.length === 0) return;
    this.rowTables = null;
    const down = this.downstream;
    const declare = viaRow && typeof down.declares === 'function';
    const groups = this.unannounced;
    this.unannounced = [];
    for (const one of [false, true]) {
      for (const g of groups) {
        if ((g.members.length === 1) !== one) continue;
        g.index = this.next++;
        // one member: the derived values are its own, mapped (the statistics may keep one set for both)
        if (one && declare) {
          down.declares!(g.index, g.first.raw, g.first.scale, g.first.offset);
          g.declared = true;
          this.declaredCount++;
        } else if (one) down.mirrors?.(g.index, g.first.raw, g.first.scale, g.first.offset);
        down.series(g.index, { host: g.host, object: DEMAND_OBJECT, instance: g.entity, counter: g.resource, path: `${g.host}/${g.entity}/${g.resource}` });
      }
    }
  }

  /** Ends the declaration of a group, before its values are sent. */
  private revoke(g: MutableGroup): void {
    this.rowTables = null;
    g.declared = false;
    this.declaredCount--;
    this.downstream.revokes?.(g.index);
  }

  sample(index: number, t: number, v: number): void {
    if (this.waiting.length > 0 || this.unannounced.length > 0) this.announce(false);
    // single samples give sums out of row order: every declared group is sent from now on
    if (this.declaredCount > 0) for (const g of this.list) if (g.declared) this.revoke(g);
    const i = this.raw[index];
    if (i === undefined) return;
    this.downstream.sample(i, t, v);
    const m = this.members[index];
    if (!m) return;
    this.pending = true;
    const g = m.group;
    if (t !== g.t) {
      this.flush(g);
      g.t = t;
    }
    if (Number.isFinite(v)) {
      g.sum += v * m.scale + m.offset;
      g.present++;
    } else g.missing++;
  }

  /**
   * A whole row: sent on as one row of every downstream series (raw values renumbered, then the
   * derived sums) when it holds every raw series and the downstream takes rows; otherwise as
   * single samples.
   */
  row(t: number, values: Float64Array, count: number): void {
    const down = this.downstream;
    const whole = count >= this.raw.length && typeof down.row === 'function';
    if (this.waiting.length > 0 || this.unannounced.length > 0) this.announce(whole);
    if (!whole) {
      for (let i = 0; i < count; i++) this.sample(i, t, values[i]!);
      return;
    }
    if (this.pending) this.flushGroups(); // sums from single samples, of earlier times
    const tables = (this.rowTables ??= this.tables());
    const { target, memberStart, memberRaw, scale, offset, groupTarget, out } = tables;
    const n = target.length;
    // raw series only, in their own order (every group declared): the row as it came
    if (tables.identity) return down.row!(t, values, n);
    for (let i = 0; i < n; i++) {
      const j = target[i]!;
      if (j >= 0) out[j] = values[i]!;
    }
    // each group's sum, its members in raw order (a missing member makes the sum missing)
    for (let g = 0, m = 0; g < groupTarget.length; g++) {
      const end = memberStart[g + 1]!;
      let sum = 0;
      let missing = false;
      for (; m < end; m++) {
        const v = values[memberRaw[m]!]!;
        if (v - v === 0) sum = sum + v * scale[m]! + offset[m]!;
        else missing = true;
      }
      out[groupTarget[g]!] = missing ? NaN : sum;
    }
    down.row!(t, out, out.length);
  }

  /** The row path's tables for the series known now; the declared groups a row would cover are revoked first. */
  private tables(): RowTables {
    const width = sentWidth(this.raw, this.list);
    for (const g of this.list) if (g.declared && g.index < width) this.revoke(g);
    return rowTables(this.raw, this.members, this.list, width);
  }

  issue(issue: ReadIssue): void {
    this.downstream.issue?.(issue);
  }

  /** Announces the groups not announced yet and emits the last pending sample of every group; call once the source is done. */
  finish(): void {
    if (this.waiting.length > 0 || this.unannounced.length > 0) this.announce(false);
    this.flushGroups();
  }

  /** Emits the pending sample of every group. */
  private flushGroups(): void {
    for (const g of this.list) this.flush(g);
    this.pending = false;
  }

  /** The derived series, in order of appearance. */
  groups(): DemandGroup[] {
    return this.list.map(({ index, resource, host, entity, members, virtualProcessors }) => ({ index, resource, host, entity, members: [...members], virtualProcessors }));
  }

  private flush(g: MutableGroup): void {
    if (g.present + g.missing > 0) this.downstream.sample(g.index, g.t, g.missing > 0 || g.present === 0 ? NaN : g.sum);
    g.sum = 0;
    g.present = 0;
    g.missing = 0;
  }
}
