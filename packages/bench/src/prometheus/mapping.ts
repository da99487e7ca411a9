import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { HostplanError, invalid, parseJsonText } from '@hostplan/core';
import { DEMAND_RESOURCES, type DemandResource } from '../demand/counterMap.js';
import type { PromQuerySpec, PromResource } from './presets.js';

const RESOURCES: readonly PromResource[] = ['cpu', 'memory', 'iops', 'network', 'other'];
const FIELDS = ['name', 'expr', 'resource', 'entity', 'unit', 'demand'];

/**
 * Reads a user's mapping document: `{ "queries": [{ "name", "expr", "resource"?, "entity"?,
 * "unit"?, "demand"? }] }` (`demand`: the demand resource the values feed, e.g. `vm.cpuCores`) or the bare array. Names must be unique; unknown fields are refused.
 *
 * @example
 * parsePromMapping({ queries: [{ name: 'cpu', expr: 'rate(x[$rate])', resource: 'cpu' }] }, 'map.json')[0].name // => 'cpu'
 */
export function parsePromMapping(doc: unknown, path: string): PromQuerySpec[] {
  const list = Array.isArray(doc) ? doc : doc && typeof doc === 'object' ? (doc as { queries?: unknown }).queries : undefined;
  const base = Array.isArray(doc) ? path : `${path}.queries`;
  if (!Array.isArray(list) || list.length === 0) invalid(base, 'a non-empty array of { name, expr, resource, entity, unit }', list ?? doc);
  const seen = new Set<string>();
  return list.map((item: unknown, i: number) => {
    const p = `${base}[${i}]`;
    if (!item || typeof item !== 'object' || Array.isArray(item)) invalid(p, 'an object { name, expr, ... }', item);
    const raw = item as Record<string, unknown>;
    for (const k of Object.keys(raw)) {
      if (!FIELDS.includes(k)) throw new HostplanError('unknown-field', `${p}.${k}`, `unknown field; expected one of ${FIELDS.join(', ')}`, FIELDS.join(', '), k);
    }
    if (typeof raw.name !== 'string' || !/^[A-Za-z0-9_.:-]+$/.test(raw.name)) invalid(`${p}.name`, 'a name of letters, digits, _ . : -', raw.name);
    if (seen.has(raw.name)) throw new HostplanError('duplicate-id', `${p}.name`, `duplicate query name ${JSON.stringify(raw.name)}`, 'a unique name', raw.name);
    seen.add(raw.name);
    if (typeof raw.expr !== 'string' || raw.expr.trim() === '') invalid(`${p}.expr`, 'a PromQL expression', raw.expr);
    if (raw.resource !== undefined && !RESOURCES.includes(raw.resource as PromResource)) invalid(`${p}.resource`, `one of ${RESOURCES.join(', ')}`, raw.resource);
    if (raw.entity !== undefined && raw.entity !== 'host' && raw.entity !== 'vm') invalid(`${p}.entity`, 'host or vm', raw.entity);
    if (raw.unit !== undefined && typeof raw.unit !== 'string') invalid(`${p}.unit`, 'a unit name', raw.unit);
    if (raw.demand !== undefined && !DEMAND_RESOURCES.includes(raw.demand as DemandResource)) invalid(`${p}.demand`, `one of ${DEMAND_RESOURCES.join(', ')}`, raw.demand);
    return {
      name: raw.name,
      expr: raw.expr,
      ...(raw.resource !== undefined && { resource: raw.resource as PromResource }),
      ...(raw.entity !== undefined && { entity: raw.entity as 'host' | 'vm' }),
      ...(raw.unit !== undefined && { unit: raw.unit as string }),
      ...(raw.demand !== undefined && { demand: raw.demand as DemandResource }),
    };
  });
}

/**
 * Loads a mapping file (JSON, see {@link parsePromMapping}); errors name the file and field.
 *
 * @example
 * const queries = await loadPromMapping('prom-map.json');
 */
export async function loadPromMapping(file: string, cwd = process.cwd()): Promise<PromQuerySpec[]> {
  const text = await readFile(resolve(cwd, file), 'utf8');
  return parsePromMapping(parseJsonText(text, file), file);
}
