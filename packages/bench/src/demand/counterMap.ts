import { HostplanError } from '@hostplan/core';
import type { SeriesKey } from '../series/types.js';
import { compileRulePattern, rulePatternBody } from './rulePattern.js';

/**
 * What a derived demand series measures, in the unit its name says:
 * - `host.cpuPercent`: share of all logical processors busy, 0..100 (hypervisor run time).
 * - `host.availableMemoryMB`, `host.iops`, `host.networkMbps`, `host.networkBandwidthMbps`.
 * - `vm.cpuCores`: cores' worth of virtual-processor time (sum over VPs of guest run time / 100).
 * - `vm.cpuGHz`: CPU used, in GHz (traces that report MHz, e.g. Bitbrains).
 * - `vm.vcpus`, `vm.cpuCapacityGHz`, `vm.memoryAllocatedMB`: what the VM was given (the maximum is used).
 * - `vm.memoryMB`, `vm.iops`, `vm.networkMbps`.
 */
export type DemandResource =
  | 'host.cpuPercent'
  | 'host.availableMemoryMB'
  | 'host.iops'
  | 'host.networkMbps'
  | 'host.networkBandwidthMbps'
  | 'vm.cpuCores'
  | 'vm.cpuGHz'
  | 'vm.vcpus'
  | 'vm.cpuCapacityGHz'
  | 'vm.memoryAllocatedMB'
  | 'vm.memoryMB'
  | 'vm.iops'
  | 'vm.networkMbps';

/** Every {@link DemandResource}, for validation and listings. */
export const DEMAND_RESOURCES: readonly DemandResource[] = [
  'host.cpuPercent', 'host.availableMemoryMB', 'host.iops', 'host.networkMbps', 'host.networkBandwidthMbps',
  'vm.cpuCores', 'vm.cpuGHz', 'vm.vcpus', 'vm.cpuCapacityGHz', 'vm.memoryAllocatedMB', 'vm.memoryMB', 'vm.iops', 'vm.networkMbps',
];

/**
 * One counter -> resource rule. Matching series (English names, case-insensitive) are grouped
 * by (resource, host, entity); a group's members are summed at each timestamp into one
 * derived series: value x scale + offset per member, then the sum.
 */
export interface CounterRule {
  readonly object: string;
  readonly counter: string;
  /** `*` any (default), `!name` any but name, `/regex/` (case-insensitive, RE2 syntax: matched in linear time, no backreferences or lookaround), or an exact name. */
  readonly instance?: string;
  readonly resource: DemandResource;
  /**
   * How the entity (host or VM) is named: `host` (the series' host), `instance`, `vp` (the
   * VM name before the last `:Hv VP`, and each member counts as one virtual processor), or a
   * `/regex/` whose first capture group is the name (falls back to the instance).
   * @defaultValue `host` for host resources, `instance` for VM resources
   */
  readonly entity?: string;
  /** @defaultValue 1 */
  readonly scale?: number;
  /** @defaultValue 0 */
  readonly offset?: number;
}

/** The counter map: rules tried in order (the first match wins) and instance renames. */
export interface CounterMap {
  readonly rules: readonly CounterRule[];
  /** Entity renames after extraction, e.g. a virtual disk's instance to its VM's name. */
  readonly entities?: Readonly<Record<string, string>>;
}

const MBPS_PER_BYTE_PER_S = 8 / 1e6;
const MBPS_PER_KIB_PER_S = (1024 * 8) / 1e6;
const MB_PER_KIB = 1 / 1024;

/**
 * The default map: Hyper-V counters (domain.md section 7) and sysstat `sadf -d` columns.
 * Units: bytes/s x 8 / 1e6 = Mbps; `Current Bandwidth` bits/s / 1e6 = Mbps; sar kB = 1,024
 * bytes (sysstat divides by 1,024); `%idle` of CPU `-1`/`all` becomes 100 - idle. Bitbrains
 * traces (the readers' `bitbrains` column map: object `vm`, one file per VM named as the host):
 * MHz / 1,000 = GHz, KB taken as 1,024 bytes; their disk columns are throughput, not IOPS, so
 * they are not mapped.
 */
export const DEFAULT_COUNTER_MAP: CounterMap = Object.freeze({
  rules: [
    { object: 'Hyper-V Hypervisor Logical Processor', counter: '% Total Run Time', instance: '_Total', resource: 'host.cpuPercent' },
    { object: 'Hyper-V Hypervisor Virtual Processor', counter: '% Guest Run Time', instance: '!_Total', resource: 'vm.cpuCores', entity: 'vp', scale: 0.01 },
    { object: 'Memory', counter: 'Available MBytes', resource: 'host.availableMemoryMB' },
    { object: 'Hyper-V Dynamic Memory VM', counter: 'Physical Memory', instance: '!_Total', resource: 'vm.memoryMB' },
    { object: 'PhysicalDisk', counter: 'Disk Transfers/sec', instance: '_Total', resource: 'host.iops' },
    { object: 'Hyper-V Virtual Storage Device', counter: 'Read Operations/Sec', instance: '!_Total', resource: 'vm.iops' },
    { object: 'Hyper-V Virtual Storage Device', counter: 'Write Operations/Sec', instance: '!_Total', resource: 'vm.iops' },
    { object: 'Network Interface', counter: 'Bytes Total/sec', resource: 'host.networkMbps', scale: MBPS_PER_BYTE_PER_S },
    { object: 'Network Interface', counter: 'Current Bandwidth', resource: 'host.networkBandwidthMbps', scale: 1e-6 },
    { object: 'Hyper-V Virtual Network Adapter', counter: 'Bytes/sec', instance: '!_Total', resource: 'vm.networkMbps', entity: '/^(.+?)_(?:Legacy )?Network Adapter/', scale: MBPS_PER_BYTE_PER_S },
    { object: 'cpu', counter: '%idle', instance: '/^(-1|all)$/', resource: 'host.cpuPercent', scale: -1, offset: 100 },
    { object: 'memory', counter: 'kbavail', resource: 'host.availableMemoryMB', scale: 1 / 1024 },
    { object: 'io', counter: 'tps', resource: 'host.iops' },
    { object: 'network', counter: 'rxkB/s', instance: '!lo', resource: 'host.networkMbps', scale: MBPS_PER_KIB_PER_S },
    { object: 'network', counter: 'txkB/s', instance: '!lo', resource: 'host.networkMbps', scale: MBPS_PER_KIB_PER_S },
    { object: 'vm', counter: 'CPU usage [MHZ]', resource: 'vm.cpuGHz', entity: 'host', scale: 0.001 },
    { object: 'vm', counter: 'CPU cores', resource: 'vm.vcpus', entity: 'host' },
    { object: 'vm', counter: 'CPU capacity provisioned [MHZ]', resource: 'vm.cpuCapacityGHz', entity: 'host', scale: 0.001 },
    { object: 'vm', counter: 'Memory usage [KB]', resource: 'vm.memoryMB', entity: 'host', scale: MB_PER_KIB },
    { object: 'vm', counter: 'Memory capacity provisioned [KB]', resource: 'vm.memoryAllocatedMB', entity: 'host', scale: MB_PER_KIB },
    { object: 'vm', counter: 'Network received throughput [KB/s]', resource: 'vm.networkMbps', entity: 'host', scale: MBPS_PER_KIB_PER_S },
    { object: 'vm', counter: 'Network transmitted throughput [KB/s]', resource: 'vm.networkMbps', entity: 'host', scale: MBPS_PER_KIB_PER_S },
  ] satisfies CounterRule[],
});

function instanceMatches(pattern: string, instance: string | null): boolean {
  const inst = instance ?? '';
  if (pattern === '*') return true;
  if (pattern.startsWith('!')) return inst.toLowerCase() !== pattern.slice(1).toLowerCase();
  const body = rulePatternBody(pattern);
  if (body !== null) return compileRulePattern(body).test(inst);
  return inst.toLowerCase() === pattern.toLowerCase();
}

/** What a series contributes to: the rule, the entity name and whether it is a virtual processor. */
export interface CounterMatch {
  readonly rule: CounterRule;
  readonly resource: DemandResource;
  readonly entity: string;
  readonly virtualProcessor: boolean;
}

/**
 * The first rule of `map` that matches a series (names compared case-insensitively, so give
 * English names: translate localised ones first), with the entity it names, or null.
 *
 * @example
 * matchCounter(DEFAULT_COUNTER_MAP, { host: 'HV1', object: 'Hyper-V Hypervisor Virtual Processor', instance: 'web01:Hv VP 1', counter: '% Guest Run Time', path: '' })
 * // => { resource: 'vm.cpuCores', entity: 'web01', virtualProcessor: true, rule: ... }
 */
export function matchCounter(map: CounterMap, key: SeriesKey): CounterMatch | null {
  const object = key.object.toLowerCase();
  const counter = key.counter.toLowerCase();
  for (const rule of map.rules) {
    if (rule.object.toLowerCase() !== object || rule.counter.toLowerCase() !== counter) continue;
    if (!instanceMatches(rule.instance ?? '*', key.instance)) continue;
    const how = rule.entity ?? (rule.resource.startsWith('host.') ? 'host' : 'instance');
    const instance = key.instance ?? '';
    let entity: string;
    if (how === 'host') entity = key.host;
    else if (how === 'vp') {
      const at = instance.toLowerCase().lastIndexOf(':hv vp');
      entity = at >= 0 ? instance.slice(0, at) : instance;
    } else {
      const body = rulePatternBody(how);
      entity = body === null ? instance : (compileRulePattern(body).capture(instance) ?? instance);
    }
    // own names only: an instance called toString or __proto__ is renamed by nothing inherited
    const entities = map.entities;
    if (entities && Object.hasOwn(entities, entity)) entity = entities[entity]!;
    return { rule, resource: rule.resource, entity, virtualProcessor: how === 'vp' };
  }
  return null;
}

/**
 * Validates a user's counter map (JSON: `{ "rules": [...], "entities": {...} }`); the user's
 * rules come first, then the defaults, so a user rule overrides a default for the same counter.
 * Throws {@link HostplanError} naming `file` and the field.
 *
 * @example
 * extendCounterMap({ rules: [{ object: 'Procesador', counter: '% de tiempo de procesador', instance: '_Total', resource: 'host.cpuPercent' }] }, 'map.json')
 * // => { rules: [<that rule>, ...DEFAULT_COUNTER_MAP.rules], entities: {} }
 */
export function extendCounterMap(json: unknown, file: string, base: CounterMap = DEFAULT_COUNTER_MAP): CounterMap {
  const fail = (path: string, expected: string, received: unknown): never => {
    throw new HostplanError('invalid-value', `${file}:${path}`, `expected ${expected}, got ${JSON.stringify(received) ?? String(received)}`, expected, received);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('', 'an object { "rules": [...], "entities": {...} }', json);
  const doc = json as Record<string, unknown>;
  for (const k of Object.keys(doc)) if (k !== 'rules' && k !== 'entities') throw new HostplanError('unknown-field', `${file}:${k}`, 'unknown field; expected rules or entities');
  const rules = doc.rules ?? [];
  if (!Array.isArray(rules)) fail('rules', 'an array of rules', rules);
  const out: CounterRule[] = (rules as unknown[]).map((r, i) => {
    const p = `rules[${i}]`;
    if (typeof r !== 'object' || r === null) fail(p, 'an object', r);
    const rule = r as Record<string, unknown>;
    for (const f of ['object', 'counter'] as const) if (typeof rule[f] !== 'string' || rule[f] === '') fail(`${p}.${f}`, 'a non-empty string', rule[f]);
    if (!DEMAND_RESOURCES.includes(rule.resource as DemandResource)) fail(`${p}.resource`, `one of ${DEMAND_RESOURCES.join(', ')}`, rule.resource);
    for (const f of ['instance', 'entity'] as const) if (rule[f] !== undefined && typeof rule[f] !== 'string') fail(`${p}.${f}`, 'a string', rule[f]);
    for (const f of ['scale', 'offset'] as const) if (rule[f] !== undefined && !(typeof rule[f] === 'number' && Number.isFinite(rule[f]))) fail(`${p}.${f}`, 'a finite number', rule[f]);
    for (const f of ['instance', 'entity'] as const) {
      const s = rule[f];
      const body = typeof s === 'string' ? rulePatternBody(s) : null;
      if (body !== null) {
        try {
          compileRulePattern(body);
        } catch (e) {
          throw new HostplanError('invalid-value', `${file}:${p}.${f}`, `expected a valid regular expression: ${(e as Error).message}`, 'a valid regular expression', s);
        }
      }
    }
    for (const k of Object.keys(rule)) if (!['object', 'counter', 'instance', 'resource', 'entity', 'scale', 'offset'].includes(k)) throw new HostplanError('unknown-field', `${file}:${p}.${k}`, 'unknown field; expected object, counter, instance, resource, entity, scale or offset');
    return rule as unknown as CounterRule;
  });
  const entities = doc.entities ?? {};
  if (typeof entities !== 'object' || entities === null || Array.isArray(entities)) fail('entities', 'an object of instance -> entity names', entities);
  for (const [k, v] of Object.entries(entities as object)) if (typeof v !== 'string') fail(`entities.${k}`, 'a string', v);
  return { rules: [...out, ...base.rules], entities: { ...base.entities, ...(entities as Record<string, string>) } };
}
