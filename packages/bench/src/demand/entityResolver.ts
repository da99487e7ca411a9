/** Maps the entity a counter names (a VM name, or a VHD path for storage devices) to a VM id. */
export type EntityResolver = (entity: string) => string;

/** Whether the UTF-16 unit at `i` of `s` is an ASCII lower-case letter or digit (out of range: no). */
const isLowerAlnum = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i); // NaN out of range
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
};

/**
 * Whether `id` occurs in `text` bounded on both sides by the start, the end or a unit that is
 * not `[a-z0-9]`: what `/(^|[^a-z0-9])id($|[^a-z0-9])/` finds, without compiling a regex per id.
 */
function containsToken(text: string, id: string): boolean {
  for (let at = text.indexOf(id); at !== -1; at = text.indexOf(id, at + 1)) {
    if (!isLowerAlnum(text, at - 1) && !isLowerAlnum(text, at + id.length)) return true;
    if (at >= text.length) return false; // an empty id is found at every position up to the end
  }
  return false;
}

/**
 * Resolves counter entities to inventory VM ids: an exact (case-insensitive) id wins; else the
 * longest id that appears in the entity as a whole token (bounded by the start, the end, or a
 * character that is not a letter or digit), which maps a virtual storage device such as
 * `D:-VMs-web-01-web-01.vhd` to `web-01`; else the entity unchanged. O(ids) per new entity,
 * cached.
 *
 * @example
 * const resolve = inventoryEntityResolver(['web-01', 'web-011', 'sql-01a']);
 * resolve('D:-VMs-web-01-web-01.vhd') // => 'web-01'
 * resolve('SQL-01A')                  // => 'sql-01a'
 * resolve('backup-vm')                // => 'backup-vm'
 */
export function inventoryEntityResolver(ids: readonly string[]): EntityResolver {
  const byLower = new Map(ids.map((id) => [id.toLowerCase(), id]));
  // longest first; ties between ids of one length are broken only when two match (below)
  const patterns = [...ids].sort((a, b) => b.length - a.length).map((id) => ({ id, lower: id.toLowerCase() }));
  const cache = new Map<string, string>();
  return (entity) => {
    const hit = cache.get(entity);
    if (hit !== undefined) return hit;
    const lower = entity.toLowerCase();
    const resolved = byLower.get(lower) ?? longestToken(patterns, lower) ?? entity;
    cache.set(entity, resolved);
    return resolved;
  };
}

/**
 * The first id (of `patterns`, longest first, stable) found as a token of `lower`; among ids of
 * its length that are found too, the least by `localeCompare`, the first of equals: what the
 * first match in ids sorted by length, then `localeCompare`, is. The collator is only asked when
 * two ids of one length match (its first use costs ~6 ms).
 */
function longestToken(patterns: readonly { readonly id: string; readonly lower: string }[], lower: string): string | undefined {
  let best: string | undefined;
  for (const p of patterns) {
    if (best !== undefined && p.id.length < best.length) break;
    if (!containsToken(lower, p.lower)) continue;
    if (best === undefined || p.id.localeCompare(best) < 0) best = p.id;
  }
  return best;
}

/** Counter objects whose instances are virtual disk paths, not VM names (domain.md section 7). */
const DISK_PATH_OBJECTS: ReadonlySet<string> = new Set(['hyper-v virtual storage device']);

/**
 * Whether a counter object's instances are virtual disk paths (`C:-VMs-web-01-disk0.vhdx`)
 * rather than VM names, given its English name.
 *
 * @example
 * namesDiskPaths('Hyper-V Virtual Storage Device') // => true
 * namesDiskPaths('Hyper-V Dynamic Memory VM')      // => false
 */
export function namesDiskPaths(object: string): boolean {
  return DISK_PATH_OBJECTS.has(object.toLowerCase());
}

/**
 * Without an inventory, the VM names a log itself shows (the instances of its virtual processor,
 * memory and network counters) stand in for one: a virtual disk path joins the VM whose name it
 * holds as a whole token (the rule of {@link inventoryEntityResolver}), so a VM's disks add up to
 * its IOPS instead of counting as VMs of their own. A path that holds no VM name is kept.
 *
 * @example
 * const names = new LogVmNames();
 * names.add('web-01');
 * names.resolve('C:-ClusterStorage-Volume1-web-01, disk.0.vhdx') // => 'web-01'
 */
export class LogVmNames {
  private readonly names = new Set<string>();
  private resolver: EntityResolver | null = null;

  /** A VM name seen in the log. */
  add(name: string): void {
    if (this.names.has(name)) return;
    this.names.add(name);
    this.resolver = null;
  }

  /** The VM a disk path belongs to, or the path itself. */
  resolve(diskPath: string): string {
    return (this.resolver ??= inventoryEntityResolver([...this.names]))(diskPath);
  }
}
