/**
 * For sales teams: what does each VM plan cost us per month on this farm, what do we quote at
 * a 35 % margin, and how does that move with density and with the Windows Server edition?
 *
 *   npm run example:sales
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cheapestLicensing, DEFAULT_LICENCE_PRICES, parseCatalog, quote, type HostCostInputs, type PriceSheet, type VmPlan, parseJsonText } from '@hostplan/core';

const data = (name: string) => fileURLToPath(new URL(`../data/${name}`, import.meta.url));
const readJson = (name: string) => parseJsonText(readFileSync(data(name), 'utf8'), `data/${name}`);
const usd = (x: number | null) => (x === null ? 'n/a' : `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);

/** Runs the example; returns the price sheets it printed (one per host model). */
export function sales(print: (line: string) => void = console.log, margin = 0.35): PriceSheet[] {
  const catalog = parseCatalog(readJson('catalog.json'), 'data/catalog.json');
  const plans = (readJson('plans.json') as { plans: VmPlan[] }).plans;
  const costs = readJson('costs.json') as HostCostInputs;
  const sheets: PriceSheet[] = [];

  // The same plans on a 2008 R2 farm (per-socket licences) and a current one (per-core licences).
  const farms = [
    { id: 'dl380-g7', era: '2008' as const, prices: DEFAULT_LICENCE_PRICES['2008'].prices },
    { id: 'r760-2x16', era: '2016' as const, prices: DEFAULT_LICENCE_PRICES['2016'].prices },
  ];
  for (const f of farms) {
    const entry = catalog.find((c) => c.host.id === f.id)!;
    const sheet = quote(plans, { entry, costs, licensing: { era: f.era, prices: f.prices } }, { margin });
    sheets.push(sheet);
    print(`\nPrice sheet on ${f.id} (${entry.host.model}), margin ${margin * 100} %, Windows Server ${f.era} licensing`);
    print('plan  vCPU  GB   VMs/host  binding    cost/month  price/month');
    for (const line of sheet.lines) {
      const plan = plans.find((p) => p.name === line.plan)!;
      print(`${line.plan.padEnd(4)}  ${String(plan.vcpus).padStart(4)}  ${String(plan.memoryGB).padStart(3)}  ${String(line.vmsPerHost).padStart(8)}  ${(line.binding ?? '-').padEnd(9)}  ${usd(line.costPerMonth).padStart(10)}  ${usd(line.pricePerMonth).padStart(11)}`);
    }
    const m = sheet.lines.find((l) => l.plan === 'M')!;
    print(`How the M price moves with density: ${m.byDensity.map((d) => `${d.vmsPerHost} VMs/host ${usd(d.pricePerMonth)}`).join(', ')}`);
    print(`Arithmetic: ${m.rule}`);
  }

  // Which edition to buy as density grows (2008 rules, a 2-socket host).
  print('\nWindows Server 2008 licences per 2-socket host, by Windows VMs on it:');
  for (const vms of [1, 3, 5, 8, 10, 20]) {
    const lic = cheapestLicensing({ era: '2008', sockets: 2, coresPerSocket: 6, vms, prices: DEFAULT_LICENCE_PRICES['2008'].prices });
    print(`  ${String(vms).padStart(2)} VMs: ${lic.items.map((i) => `${i.count} x ${i.edition}`).join(' + ')} = ${usd(lic.total)} (${usd(lic.total / vms)} per VM)`);
  }
  return sheets;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) sales();
