/**
 * Writes the sample data in data/ with the project's own code: deterministic (seeded), small.
 *
 *   npm run data            # (re)write data/
 *   npm run data -- --check # exit 1 if data/ differs from what this script writes
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LICENCE_PRICES, HOST_COST_DEFAULTS, POLICY_DEFAULTS } from '@hostplan/core';
import { CATALOG } from './data/catalog.js';
import { sampleInventory, type SampleVm } from './data/inventory.js';
import { perfLogs } from './data/perf.js';
import { rvtoolsVinfo } from './data/rvtools.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'data');

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

function csvCell(value: unknown): string {
  const s = Array.isArray(value) ? value.join(';') : value === undefined ? '' : String(value);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function vmsCsv(vms: readonly SampleVm[]): string {
  const columns = ['id', 'role', 'guestOS', 'vcpus', 'memoryGB', 'diskGB', 'vhd', 'iops', 'networkMbps', 'cpuUtilization', 'antiAffinity'] as const;
  return [columns.join(','), ...vms.map((v) => columns.map((c) => csvCell(v[c])).join(','))].join('\n') + '\n';
}

/** Every file of data/, by path relative to data/. */
export function sampleFiles(): Map<string, string | Buffer> {
  const files = new Map<string, string | Buffer>();
  const vms = sampleInventory();
  const farmModel = CATALOG[1];
  const { purchasePrice: _p, powerWatts: _w, rackUnits: _u, id: _id, ...farmHost } = farmModel;
  const hosts = Array.from({ length: 14 }, (_, i) => ({ id: `hv${String(i + 1).padStart(2, '0')}`, ...farmHost }));

  files.set('catalog.json', json({ catalog: CATALOG }));
  files.set('hosts.json', json({ hosts }));
  files.set('vms.json', json({ vms }));
  files.set('vms.csv', vmsCsv(vms));
  files.set('policy-2008-conservative.json', json({
    description: '2008-era farm, conservative: 1 GB root reserve, 20 % CPU held back, CPU at most 75 % and memory at most 90 % of what is left',
    platform: 'hyperv-2008r2',
    rootReserveMB: 1024,
    reserves: { cpuPercent: 20, memoryMB: 0, networkPercent: 20 },
    targetUtilization: { cpuGHz: 0.75, memoryMB: 0.9 },
  }));
  files.set('policy-modern.json', json({
    description: 'current farm: 4 GB root reserve for a large host, SCVMM reserves, CPU at most 80 % after reserves',
    platform: 'hyperv-2022',
    rootReserveMB: 4096,
    reserves: { cpuPercent: POLICY_DEFAULTS.reserves.cpuPercent, networkPercent: POLICY_DEFAULTS.reserves.networkPercent },
    targetUtilization: { cpuGHz: 0.8 },
  }));
  files.set('costs.json', json({
    termMonths: 36,
    interestRate: 0.05,
    pue: 1.6,
    pricePerKWh: 0.12,
    pricePerRackUnitMonth: 25,
    adminPerHostMonth: 120,
  }));
  files.set('prices.json', json({
    description: 'Default price table: licence list prices and host running costs, with sources and dates. hostplan uses these when no price is given; every output lists what it used.',
    licensing: DEFAULT_LICENCE_PRICES,
    hostCosts: HOST_COST_DEFAULTS,
  }));
  files.set('plans.json', json({
    plans: [
      { name: 'S', vcpus: 1, memoryGB: 2, diskGB: 40, cpuUtilization: 0.2 },
      { name: 'M', vcpus: 2, memoryGB: 4, diskGB: 80, cpuUtilization: 0.2 },
      { name: 'L', vcpus: 4, memoryGB: 16, diskGB: 200, cpuUtilization: 0.3 },
    ],
  }));
  files.set('rvtools-vinfo.csv', rvtoolsVinfo(vms, { hosts }));
  for (const [name, text] of perfLogs(vms, hosts)) files.set(`perf/${name}`, text);
  return files;
}

function main(): void {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [name, content] of sampleFiles()) {
    const path = join(out, name);
    const current = existsSync(path) ? readFileSync(path) : undefined;
    const wanted = typeof content === 'string' ? Buffer.from(content) : content;
    if (current && current.equals(wanted)) continue;
    stale++;
    if (check) {
      console.error(`data/${relative(out, path)} is not what scripts/generate-data.ts writes`);
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, wanted);
      console.log(`wrote data/${relative(out, path)} (${wanted.length.toLocaleString('en-US')} bytes)`);
    }
  }
  if (check && stale) process.exit(1);
  if (!check && !stale) console.log('data/ is up to date');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
