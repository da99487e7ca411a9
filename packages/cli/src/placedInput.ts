import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseJsonText, parseVm, resolvePlacedVms, type PlacedVm, type Vm } from '@hostplan/core';
import { loadVms } from '@hostplan/bench';
import { UsageError } from './io.js';

/**
 * Reads a layout file (`--placed`, `--current`, `--target`): a JSON array, or an object with
 * `placed`, `placements` (a plan's own JSON output) or `vms`; each item a placement
 * `{ "vm": "<id>", "host": "<host id>" }`, `{ "vm": { ...VM }, "host" }`, or a VM with a
 * `host` field. Items without a host (in a `vms` list) are skipped: they run nowhere yet.
 * Placements by id are resolved against `vms`; the path of every error names the file and item.
 */
export async function loadPlaced(file: string, cwd: string, vms: readonly Vm[]): Promise<{ vm: Vm; host: string }[]> {
  const doc = parseJsonText(await readFile(resolve(cwd, file), 'utf8'), file) as unknown;
  const obj = (doc ?? {}) as { placed?: unknown; placements?: unknown; vms?: unknown };
  const list = Array.isArray(doc) ? doc : obj.placed ?? obj.placements ?? obj.vms;
  if (!Array.isArray(list)) throw new UsageError(`${file}: expected an array of placements { "vm": id, "host": id } or VMs with a "host" field, or an object with "placed", "placements" (a plan's JSON) or "vms"`);
  const items: PlacedVm[] = [];
  list.forEach((item: unknown, i) => {
    const at = `${file}: [${i}]`;
    if (item === null || typeof item !== 'object') throw new UsageError(`${at}: expected an object, got ${item === null ? 'null' : typeof item}`);
    const raw = item as { vm?: unknown; host?: unknown };
    if (raw.host === undefined && list === obj.vms) return;
    if (typeof raw.host !== 'string' || raw.host === '') throw new UsageError(`${at}.host: expected the id of the host the VM runs on`);
    if (typeof raw.vm === 'string') items.push({ vm: raw.vm, host: raw.host });
    else if (raw.vm !== undefined) items.push({ vm: parseVm(raw.vm, `${at}.vm`), host: raw.host });
    else items.push({ ...parseVm(item, at), host: raw.host });
  });
  const known = new Map(vms.map((v) => [v.id, v]));
  items.forEach((p, i) => {
    const id = (p as { vm?: unknown }).vm;
    if (typeof id === 'string' && !known.has(id)) throw new UsageError(`${file}: [${i}].vm: VM ${JSON.stringify(id)} is not in the VMs file${vms.length === 0 ? ' (give --vms FILE for placements by id)' : ''}`);
  });
  return resolvePlacedVms(items, vms, file);
}

/**
 * The running layout from the VMs themselves: each VM with a `host` field (as `hostplan import`
 * writes an estate) runs on that host.
 */
export function placedFromVms(vms: readonly Vm[]): { vm: Vm; host: string }[] {
  return vms.filter((v) => v.host !== undefined).map((v) => ({ vm: v, host: v.host! }));
}

/** Whether a parsed JSON layout document lists placements (`{ vm, host }`) rather than VMs. */
function isPlacements(doc: unknown): boolean {
  if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) {
    const o = doc as { placements?: unknown; placed?: unknown };
    return o.placements !== undefined || o.placed !== undefined;
  }
  return Array.isArray(doc) && doc.some((x) => x !== null && typeof x === 'object' && 'vm' in x);
}

/**
 * The farm as it runs today, from `--current FILE` (and `--vms FILE`): a VMs file (JSON or CSV,
 * as `hostplan import` writes it) whose VMs carry their `host`, or placements (a plan's JSON
 * output, or `{ vm, host }` items) with the VMs from `--vms`. VMs with no host are returned
 * in `vms` but not in `placed`: they run nowhere yet.
 */
export async function loadLayout(file: string, cwd: string, vmsFile?: string): Promise<{ vms: Vm[]; placed: { vm: Vm; host: string }[] }> {
  const extra: Vm[] = vmsFile ? await loadVms(vmsFile, cwd) : [];
  const json = !/\.csv$/i.test(file);
  const doc = json ? parseJsonText(await readFile(resolve(cwd, file), 'utf8'), file) : undefined;
  if (json && isPlacements(doc)) {
    const placed = await loadPlaced(file, cwd, extra);
    const ids = new Set(placed.map((p) => p.vm.id));
    return { vms: [...placed.map((p) => p.vm), ...extra.filter((v) => !ids.has(v.id))], placed };
  }
  const vms = await loadVms(file, cwd);
  const ids = new Set(vms.map((v) => v.id));
  return { vms: [...vms, ...extra.filter((v) => !ids.has(v.id))], placed: placedFromVms(vms) };
}
