import { invalid } from '../errors.js';
import { resolvePlatform } from '../platform/profiles.js';
import { NIC_ROLES, RAID_LEVELS, type DiskGroup, type Host, type Nic, type Storage } from '../model/host.js';
import { bool, noUnknown, number, object, oneOf, string, type Raw } from './fields.js';
import { parseDisksCompact, parseNicsCompact } from './compact.js';

/** Fields a host may have (the JSON Schema lists the same). */
export const HOST_FIELDS = ['id', 'model', 'sockets', 'coresPerSocket', 'threadsPerCore', 'clockGHz', 'memoryGB', 'storage', 'nics', 'platform', 'installation', 'unavailable', 'cluster'];

function disk(value: unknown, path: string): DiskGroup {
  const raw = object(value, path);
  noUnknown(raw, ['count', 'iopsPerDisk', 'sizeGB', 'raid', 'readShare'], path);
  return {
    count: number(raw, 'count', path, { required: true, integer: true, min: 1 }),
    iopsPerDisk: number(raw, 'iopsPerDisk', path, { required: true, above: 0 }),
    sizeGB: number(raw, 'sizeGB', path, { required: true, unit: 'GB', above: 0 }),
    raid: oneOf(raw, 'raid', path, RAID_LEVELS) ?? invalid(`${path}.raid`, `one of ${RAID_LEVELS.join(', ')}`, undefined),
    readShare: number(raw, 'readShare', path, { min: 0, max: 1 }) ?? 0.7,
  };
}

function storage(value: unknown, path: string): Storage | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const raw = object(value, path);
  noUnknown(raw, ['iops', 'capacityGB', 'disks'], path);
  const d = raw.disks;
  const disks = d === undefined ? undefined
    : typeof d === 'string' ? parseDisksCompact(d, `${path}.disks`).map((x, i) => disk(x, `${path}.disks[${i}]`))
    : Array.isArray(d) ? d.map((x, i) => disk(x, `${path}.disks[${i}]`))
    : [disk(d, `${path}.disks`)];
  const iops = number(raw, 'iops', path, { min: 0 });
  const capacityGB = number(raw, 'capacityGB', path, { unit: 'GB', min: 0 });
  return { ...(iops !== undefined && { iops }), ...(capacityGB !== undefined && { capacityGB }), ...(disks && { disks }) };
}

function nic(value: unknown, path: string): Nic {
  const raw = object(value, path);
  noUnknown(raw, ['role', 'gbps', 'ports'], path);
  return {
    role: oneOf(raw, 'role', path, NIC_ROLES) ?? invalid(`${path}.role`, `one of ${NIC_ROLES.join(', ')}`, undefined),
    gbps: number(raw, 'gbps', path, { required: true, unit: 'Gbps', above: 0 }),
    ports: number(raw, 'ports', path, { integer: true, min: 1 }) ?? 1,
  };
}

/**
 * Reads one host from a plain object (JSON, or a CSV row's cells), accepting unit strings for
 * quantities (`"64 GB"`, `"2.66 GHz"`, `"10 Gbps"`) and compact NIC and disk strings.
 *
 * @example
 * parseHost({ id: 'h1', sockets: 2, coresPerSocket: 4, clockGHz: '3 GHz', memoryGB: '32 GB' }, 'hosts[0]').memoryGB // => 32
 */
export function parseHost(value: unknown, path: string): Host {
  const raw: Raw = object(value, path);
  noUnknown(raw, HOST_FIELDS, path);
  const nicsRaw = raw.nics;
  const nics = nicsRaw === undefined || nicsRaw === null || nicsRaw === '' ? undefined
    : typeof nicsRaw === 'string' ? parseNicsCompact(nicsRaw, `${path}.nics`).map((n, i) => nic(n, `${path}.nics[${i}]`))
    : Array.isArray(nicsRaw) ? nicsRaw.map((n, i) => nic(n, `${path}.nics[${i}]`))
    : invalid(`${path}.nics`, 'a list of { role, gbps, ports }', nicsRaw);
  const st = storage(raw.storage, `${path}.storage`);
  const model = string(raw, 'model', path);
  const platform = string(raw, 'platform', path);
  if (platform !== undefined) resolvePlatform(platform, `${path}.platform`);
  const installation = oneOf(raw, 'installation', path, ['core', 'full'] as const);
  const unavailable = bool(raw, 'unavailable', path);
  const cluster = string(raw, 'cluster', path);
  return {
    id: string(raw, 'id', path, true),
    ...(model !== undefined && { model }),
    sockets: number(raw, 'sockets', path, { required: true, integer: true, min: 1 }),
    coresPerSocket: number(raw, 'coresPerSocket', path, { required: true, integer: true, min: 1 }),
    threadsPerCore: number(raw, 'threadsPerCore', path, { integer: true, min: 1, max: 8 }) ?? 1,
    clockGHz: number(raw, 'clockGHz', path, { required: true, unit: 'GHz', above: 0 }),
    memoryGB: number(raw, 'memoryGB', path, { required: true, unit: 'GB', above: 0 }),
    ...(st && { storage: st }),
    ...(nics && { nics }),
    ...(platform !== undefined && { platform }),
    ...(installation !== undefined && { installation }),
    ...(unavailable !== undefined && { unavailable }),
    ...(cluster !== undefined && { cluster }),
  };
}
