import { readFile } from 'node:fs/promises';
import { parseCatalog, parseCostInputs, parseJsonText, sizeFarm } from '@hostplan/core';
import { loadVms } from '@hostplan/bench';

const read = async (file: string) => parseJsonText(await readFile(file, 'utf8'), file);
const catalog = parseCatalog(await read('data/catalog.json'), 'data/catalog.json');
const costs = parseCostInputs(await read('data/costs.json'), 'data/costs.json');
const vms = await loadVms('data/vms.csv');

// How many hosts of which model, with one spare per cluster (N+1), cheapest first
const sizing = sizeFarm(catalog, vms, { failover: 1, costs, mixed: false });
for (const o of sizing.options) {
  console.log(`${o.name}: ${o.hosts} hosts (${o.hostsForLoad} for the load), ${o.binding} binds, failover ${o.failover.verdict}`);
}
