import { invalid } from '../errors.js';
import type { PricedHost } from '../cost/costTypes.js';
import { number, object, uniqueIds } from '../input/fields.js';
import { parseHost } from '../input/host.js';

const PRICE_FIELDS = ['purchasePrice', 'powerWatts', 'rackUnits', 'clusterSize'] as const;

/**
 * Reads one catalog entry: a host description (as `parseHost` reads it, `id` defaulting to
 * `model`) plus `purchasePrice`, `powerWatts` (a number or a unit string like `"450 W"`) and
 * `rackUnits`, and optionally `clusterSize` (hosts per failover cluster, for quotes).
 *
 * @example
 * parseCatalogEntry({ model: 'R710', sockets: 2, coresPerSocket: 4, clockGHz: 2.66, memoryGB: '64 GB',
 *   purchasePrice: 9000, powerWatts: 350, rackUnits: 2 }, 'catalog[0]').host.id // => 'R710'
 */
export function parseCatalogEntry(value: unknown, path: string): PricedHost {
  const raw = object(value, path);
  const hostRaw: Record<string, unknown> = {};
  // defineProperty: a key named __proto__ stays a key, and parseHost's unknown-field check sees it
  for (const [k, v] of Object.entries(raw)) if (!(PRICE_FIELDS as readonly string[]).includes(k)) Object.defineProperty(hostRaw, k, { value: v, enumerable: true, writable: true, configurable: true });
  if (hostRaw.id === undefined && hostRaw.model !== undefined) hostRaw.id = hostRaw.model;
  if (hostRaw.model === undefined && hostRaw.id !== undefined) hostRaw.model = hostRaw.id;
  const host = parseHost(hostRaw, path);
  return {
    host,
    purchasePrice: number(raw, 'purchasePrice', path, { required: true, min: 0 }),
    powerWatts: number(raw, 'powerWatts', path, { required: true, unit: 'W', min: 0 }),
    rackUnits: number(raw, 'rackUnits', path, { required: true, min: 0 }),
    ...(raw.clusterSize !== undefined && { clusterSize: number(raw, 'clusterSize', path, { integer: true, min: 1 }) }),
  };
}

/**
 * Reads a host catalog from a parsed JSON document: an array of entries, or
 * `{ "catalog": [...] }` (or `{ "hosts": [...] }`). Ids (or models) must be unique.
 *
 * @example
 * parseCatalog({ catalog: [{ model: 'R710', sockets: 2, coresPerSocket: 4, clockGHz: 2.66, memoryGB: 64,
 *   purchasePrice: 9000, powerWatts: 350, rackUnits: 2 }] }, 'catalog.json').length // => 1
 */
export function parseCatalog(doc: unknown, path = 'catalog'): PricedHost[] {
  let items: unknown[];
  let p = path;
  if (Array.isArray(doc)) items = doc;
  else if (doc && typeof doc === 'object' && Array.isArray((doc as Record<string, unknown>).catalog)) {
    items = (doc as { catalog: unknown[] }).catalog;
    p = `${path}.catalog`;
  } else if (doc && typeof doc === 'object' && Array.isArray((doc as Record<string, unknown>).hosts)) {
    items = (doc as { hosts: unknown[] }).hosts;
    p = `${path}.hosts`;
  } else invalid(path, 'an array of host models, or an object { "catalog": [...] }', doc);
  if (items.length === 0) invalid(p, 'at least one host model', items);
  const entries = items.map((x, i) => parseCatalogEntry(x, `${p}[${i}]`));
  uniqueIds(entries.map((e) => e.host), p);
  return entries;
}
