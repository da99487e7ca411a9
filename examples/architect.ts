/**
 * For architects: how many hosts of which model do these VMs need with N+1 failover, sized
 * from what they really use, and which resource runs out first?
 *
 *   npm run example:architect
 *
 * Reads the sample inventory, sizes the VMs that have perfmon logs from their measurements
 * (95th percentile), sizes a farm on each host model of the catalog with one spare host per
 * cluster (checked by re-placing every failed host's VMs), prints the models side by side,
 * and writes the HTML report to out/architect-report.html.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCatalog, parseCostInputs, parseJsonText, sizeFarm, vmDemand, type Sizing } from '@hostplan/core';
import { concatSources, loadHosts, loadVms, measureDemand, readPerfFile } from '@hostplan/bench';
import { renderHtmlReport, reportInputFromSizing } from '@hostplan/report';
import { reportInputFromDemand } from '@hostplan/cli';

const path = (name: string) => fileURLToPath(new URL(`../${name}`, import.meta.url));
const readJson = (name: string) => parseJsonText(readFileSync(path(name), 'utf8'), name);
const usd = (x: number | null) => (x === null ? '-' : `$${x.toLocaleString('en-US', { maximumFractionDigits: 0 })}`);

/** Runs the example; returns the sizing and where the report went. */
export async function architect(print: (line: string) => void = console.log, reportPath = path('out/architect-report.html')): Promise<{ sizing: Sizing; reportPath: string }> {
  const inventory = await loadVms(path('data/vms.json'));
  const farm = await loadHosts(path('data/hosts.json')); // the hosts the logs come from: their clock turns run time into GHz
  const catalog = parseCatalog(readJson('data/catalog.json'), 'data/catalog.json');
  const costs = parseCostInputs(readJson('data/costs.json'), 'data/costs.json');

  // 1. Measurements: VMs in the perfmon logs are sized at their 95th percentile, the rest as declared.
  const logs = ['data/perf/hv01.csv', 'data/perf/hv02.csv'].map((f) => (sink: Parameters<typeof readPerfFile>[1]) => readPerfFile(path(f), sink).then(() => undefined));
  const demand = await measureDemand(concatSources(logs), { inventory, hosts: farm });
  const measured = new Map(demand.vms.flatMap((m) => (m.vm ? [[m.vm.id, m.vm] as const] : [])));
  const vms = inventory.map((v) => measured.get(v.id) ?? v);
  const onLoggedHost = (v: (typeof vms)[number]) => vmDemand(v, farm[0]!).vector.cpuGHz;
  const declaredGHz = inventory.filter((v) => measured.has(v.id)).reduce((s, v) => s + onLoggedHost(v), 0);
  const measuredGHz = [...measured.values()].reduce((s, v) => s + onLoggedHost(v), 0);
  print(`${vms.length} VMs; ${measured.size} sized from perfmon logs (p95): ${measuredGHz.toFixed(1)} GHz measured against ${declaredGHz.toFixed(1)} GHz declared.`);
  const idle = demand.vms.filter((m) => m.idle.idle).map((m) => m.id);
  if (idle.length) print(`Idle VMs (candidates to reclaim): ${idle.join(', ')}.`);

  // 2. Sizing: each model with N+1, cheapest first.
  const sizing = sizeFarm(catalog, vms, { failover: 1, costs });
  print('\nmodel                           hosts  load + spare  binding    cost/month  cost/VM  failover');
  for (const o of sizing.options) {
    print(`${o.name.padEnd(30)} ${String(o.hosts).padStart(6)}  ${`${o.hostsForLoad} + ${o.hosts - o.hostsForLoad}`.padEnd(12)}  ${(o.binding ?? '-').padEnd(9)}  ${usd(o.costPerMonth).padStart(10)}  ${usd(o.costPerVmMonth).padStart(7)}  ${o.feasible ? 'holds' : `${o.unplaced.length} VMs cannot run`}`);
  }
  const best = sizing.options.find((o) => o.feasible);
  if (best) print(`\nCheapest with N+1: ${best.name}, ${best.hosts} hosts; ${best.binding} runs out first.`);

  // 3. The report.
  const html = renderHtmlReport({
    title: 'Sizing the sample inventory with N+1',
    ...reportInputFromSizing(sizing),
    ...reportInputFromDemand(demand),
    assumptions: [...sizing.assumptions, ...demand.assumptions],
  });
  mkdirSync(fileURLToPath(new URL('.', `file://${reportPath}`)), { recursive: true });
  writeFileSync(reportPath, html);
  print(`wrote ${reportPath}`);
  return { sizing, reportPath };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await architect();
