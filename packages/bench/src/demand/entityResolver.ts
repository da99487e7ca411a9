/** Maps the entity a counter names (a VM name, or a VHD path for storage devices) to a VM id. */
export type EntityResolver = (entity: string) => string;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
  const patterns = [...ids].sort((a, b) => b.length - a.length || a.localeCompare(b))
    .map((id) => ({ id, re: new RegExp(`(^|[^a-z0-9])${escape(id.toLowerCase())}($|[^a-z0-9])`) }));
  const cache = new Map<string, string>();
  return (entity) => {
    const hit = cache.get(entity);
    if (hit !== undefined) return hit;
    const lower = entity.toLowerCase();
    const resolved = byLower.get(lower) ?? patterns.find((p) => p.re.test(lower))?.id ?? entity;
    cache.set(entity, resolved);
    return resolved;
  };
}
