/** A group as the row path sees it: its downstream index, and whether it is declared (not sent). */
export interface RowGroup {
  readonly index: number;
  readonly declared: boolean;
}

/** A raw series' membership: its group, and how its values count in the group's sum. */
export interface RowMember {
  readonly group: RowGroup;
  readonly scale: number;
  readonly offset: number;
}

/**
 * DemandSink's row path for the series known: per raw index its downstream index (-1:
 * undeclared); per group sent, its members' raw indices, scales and offsets (in raw order, from
 * `memberStart[g]` to `memberStart[g + 1]`) and its downstream index; then the row sent on.
 */
export interface RowTables {
  readonly target: Int32Array;
  readonly memberStart: Int32Array;
  readonly memberRaw: Int32Array;
  readonly scale: Float64Array;
  readonly offset: Float64Array;
  readonly groupTarget: Int32Array;
  /** Every downstream series a row holds, by index (the declared groups after them are not). */
  readonly out: Float64Array;
  /**
   * Whether a row goes on as it came: raw series i is downstream series i for every i below
   * the width, and no group is sent (every group declared). The reader's row is then passed on
   * without a copy.
   */
  readonly identity: boolean;
}

/**
 * The length of a row: up to the last series sent, raw (`raw`: downstream index by raw index)
 * or a group not declared.
 *
 * @example
 * sentWidth([0, 1], [{ index: 2, declared: false }, { index: 3, declared: true }]) // => 3
 */
export function sentWidth(raw: readonly (number | undefined)[], groups: readonly RowGroup[]): number {
  let width = 0;
  for (const j of raw) if (j !== undefined && j + 1 > width) width = j + 1;
  for (const g of groups) if (!g.declared && g.index + 1 > width) width = g.index + 1;
  return width;
}

/**
 * The row path's tables: `raw` maps raw indices to downstream ones, `members` gives each raw
 * series' group (or null), `groups` lists the groups in order; rows are `width` long.
 *
 * @example
 * const g = { index: 2, declared: false };
 * rowTables([0, 1], [{ group: g, scale: 1, offset: 0 }, { group: g, scale: 2, offset: 0 }], [g], 3).memberRaw // => Int32Array [0, 1]
 */
export function rowTables(raw: readonly (number | undefined)[], members: readonly (RowMember | null | undefined)[], groups: readonly RowGroup[], width: number): RowTables {
  const sent = groups.filter((g) => !g.declared);
  const n = raw.length;
  const target = new Int32Array(n).fill(-1);
  const byGroup = new Map<RowGroup, number[]>(sent.map((g) => [g, []]));
  for (let i = 0; i < n; i++) {
    const j = raw[i];
    if (j === undefined) continue;
    target[i] = j;
    const m = members[i];
    if (m) byGroup.get(m.group)?.push(i);
  }
  const lists = [...byGroup.values()];
  const memberStart = new Int32Array(lists.length + 1);
  lists.forEach((list, g) => (memberStart[g + 1] = memberStart[g]! + list.length));
  const memberRaw = Int32Array.from(lists.flat());
  const scale = Float64Array.from(memberRaw, (i) => members[i]!.scale);
  const offset = Float64Array.from(memberRaw, (i) => members[i]!.offset);
  const groupTarget = Int32Array.from(sent, (g) => g.index);
  let identity = sent.length === 0 && n === width;
  for (let i = 0; identity && i < n; i++) identity = target[i] === i;
  return { target, memberStart, memberRaw, scale, offset, groupTarget, out: new Float64Array(width), identity };
}
