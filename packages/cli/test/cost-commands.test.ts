import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run } from './support/run.js';


// 2 x 4 cores, 3 GHz, 32 GB on hyperv-2008: 15 VMs of 1 vCPU / 2 GB per host (2,088 MB each of 32,256 MB).
// $10,000 / 36 + 400 W x 1.5 x $0.10 x 730 / 1,000 + 2 U x $20 + $50 = 277.78 + 43.80 + 40 + 50 = $411.58 a month
const R32 = { id: 'R32', sockets: 2, coresPerSocket: 4, clockGHz: 3, memoryGB: 32, purchasePrice: 10000, powerWatts: '400 W', rackUnits: 2 };
const MONTH = 10000 / 36 + 43.8 + 40 + 50;
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hostplan-cost-'));
  const vms = (n: number, p = 'v') => Array.from({ length: n }, (_, i) => ({ id: `${p}${i + 1}`, vcpus: 1, memoryGB: 2 }));
  writeFileSync(join(dir, 'catalog.json'), JSON.stringify({ catalog: [R32] }));
  writeFileSync(join(dir, 'bad-catalog.json'), JSON.stringify({ catalog: [{ ...R32, rackUnits: 'two' }] }));
  writeFileSync(join(dir, 'vms30.json'), JSON.stringify({ vms: vms(30) }));
  writeFileSync(join(dir, 'vms24.json'), JSON.stringify(vms(24)));
  writeFileSync(join(dir, 'add.json'), JSON.stringify(vms(5, 'new')));
  writeFileSync(join(dir, 'huge.json'), JSON.stringify([...vms(2), { id: 'huge', vcpus: 1, memoryGB: 48 }]));
  writeFileSync(join(dir, 'guests.json'), JSON.stringify([{ id: 'a', vcpus: 1, memoryGB: 1, guestOS: 'Windows Server 2008' }, { id: 'b', vcpus: 1, memoryGB: 1, guestOS: 'SLES 10' }, { id: 'c', vcpus: 1, memoryGB: 1 }]));
  writeFileSync(join(dir, 'plans.json'), JSON.stringify({ plans: [{ name: 'M', vcpus: 1, memoryGB: 2 }, { name: 'XL', vcpus: 8, memoryGB: 16 }] }));
  writeFileSync(join(dir, 'plan-m.json'), JSON.stringify([{ name: 'M', vcpus: 1, memoryGB: 2 }]));
  writeFileSync(join(dir, 'costs.json'), JSON.stringify({ adminPerHostMonth: 80 }));
  writeFileSync(join(dir, 'broken.json'), '{ "catalog": [ }');
});

describe('hostplan license', () => {
  it('prints the cheapest licensing first with every option', async () => {
    // 5 VMs on 2008 rules: Enterprise + Standard = 2,999 + 999 = 3,998 < Datacenter 2 x 2,999
    const r = await run(['license', '--era', '2008', '--sockets', '2', '--cores-per-socket', '4', '--vms', '5']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/cheapest\s+enterprise x 1 \+ standard x 1\s+USD 3,998\.00/);
    expect(r.out).toMatch(/datacenter x 2\s+USD 5,998\.00/);
  });

  it('writes JSON with the prices used as an assumption', async () => {
    // 2016 rules, 2 x 8 cores, 10 VMs: 5 x 1,069 = 5,345
    const r = await run(['license', '--era', '2016', '--sockets', '2', '--cores-per-socket', '8', '--vms', '10', '--prices', 'data/prices.json', '--json', '-']);
    const j = JSON.parse(r.out);
    expect(r.code).toBe(0);
    expect(j.total).toBeCloseTo(5345, 6);
    expect(j.items.map((i: { edition: string; count: number }) => [i.edition, i.count])).toEqual([['standard', 5]]);
    expect(j.assumptions[0]).toMatchObject({ name: 'licensing.prices', source: 'data/prices.json', isDefault: false });
  });

  it('counts only Windows guests from a VM file, and prices Hyper-V Server on request', async () => {
    // a (Windows) and c (unnamed, counted as Windows): 2; Hyper-V Server at $100 a guest = 200 < 2 x 999
    const r = await run(['license', '--era', '2008', '--sockets', '2', '--cores-per-socket', '4', '--vms', join(dir, 'guests.json'), '--host-os', 'cheapest', '--per-guest', '100', '--json', '-']);
    const j = JSON.parse(r.out);
    expect(j.windowsGuests).toBe(2);
    expect(j.total).toBe(200);
  });

  it('rejects bad usage with exit 2 and one line', async () => {
    const r = await run(['license', '--era', '2012', '--sockets', '2', '--cores-per-socket', '4', '--vms', '5']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('hostplan license: license needs --era 2008 or --era 2016, got "2012"\n');
    expect((await run(['license', '--era', '2008', '--sockets', 'two', '--cores-per-socket', '4', '--vms', '5'])).err).toMatch(/--sockets: expected a whole number >= 1, got "two"/);
  });
});

describe('hostplan quote', () => {
  it('prices plans per host model at the margin, and exits 1 when a plan fits no model', async () => {
    const r = await run(['quote', '--plans', join(dir, 'plans.json'), '--catalog', join(dir, 'catalog.json'), '--margin', '0.35', '--json', '-']);
    expect(r.code).toBe(1); // XL: 8 vCPUs > 4 allowed on Hyper-V 2008
    const j = JSON.parse(r.out);
    // 411.58 x 16 / 15 (one spare in the 16-node 2008 cluster) / 15 VMs = 29.27; / 0.65 = 45.03
    expect(j.best[0]).toMatchObject({ plan: 'M', model: 'R32', vmsPerHost: 15 });
    expect(j.best[0].costPerMonth).toBeCloseTo((MONTH * 16) / 15 / 15, 8);
    expect(j.best[0].pricePerMonth).toBeCloseTo(45.03, 2);
    expect(j.best[1]).toMatchObject({ plan: 'XL', model: null, pricePerMonth: null });
    expect(j.assumptions.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(['quote.margin', 'costs.pue', 'farm.spareHosts']));
  });

  it('prints a price sheet, with costs and options overridable', async () => {
    // admin 80 instead of 50: 441.58 a month; no spare: 441.58 / 15 = 29.44; at margin 0.5: 58.88
    const r = await run(['quote', '--plans', join(dir, 'plan-m.json'), '--catalog', join(dir, 'catalog.json'), '--margin', '0.5', '--costs', join(dir, 'costs.json'), '--spare-hosts', '0']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^M\s+1\s+2\s+-\s+R32\s+15\s+USD 29\.44\s+USD 58\.88$/m);
    // density steps 25/50/75/100 % of 15: 3, 7, 11, 15 VMs; 441.58 / 3 / 0.5 = 294.39 ... 441.58 / 15 / 0.5 = 58.88
    expect(r.out).toMatch(/M on R32: 3: USD 294\.39, 7: USD 126\.17, 11: USD 80\.29, 15: USD 58\.88/);
  });

  it('suggests tiers from an inventory', async () => {
    const r = await run(['quote', '--tiers-from', join(dir, 'huge.json'), '--tiers', '2', '--catalog', join(dir, 'catalog.json'), '--json', '-']);
    const j = JSON.parse(r.out);
    expect(j.plans.map((p: { name: string; memoryGB: number }) => [p.name, p.memoryGB])).toEqual([['S', 2], ['M', 48]]);
  });

  it('names the file and field of bad input', async () => {
    const r = await run(['quote', '--plans', join(dir, 'plans.json'), '--catalog', join(dir, 'bad-catalog.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad-catalog\.json\.catalog\[0\]\.rackUnits: expected a number/);
    const b = await run(['quote', '--plans', join(dir, 'plans.json'), '--catalog', join(dir, 'broken.json')]);
    expect(b.err).toMatch(/broken\.json:1:\d+: invalid JSON/);
    expect((await run(['quote', '--plans', join(dir, 'plans.json'), '--catalog', join(dir, 'catalog.json'), '--margin', '1'])).err).toMatch(/--margin: expected a margin in \[0, 1\)/);
  });
});

describe('hostplan size', () => {
  it('sizes with N+1 and writes report-ready JSON', async () => {
    // 30 VMs: ceil(62,640 / 32,256) = 2 hosts for the load + 1 spare = 3; 3 x 411.58 = 1,234.73 a month
    const r = await run(['size', '--catalog', join(dir, 'catalog.json'), '--vms', join(dir, 'vms30.json'), '--failover', '1', '--json', '-']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.sizing).toMatchObject({ hostsNeeded: 3, hostModel: 'R32', spareHosts: 1, lowerBound: 2, binding: 'memoryMB' });
    expect(j.options[0].costPerMonth).toBeCloseTo(3 * MONTH, 6);
    expect(j.costs.lines.reduce((s: number, l: { amount: number }) => s + l.amount, 0)).toBeCloseTo(3 * MONTH, 6);
    expect(j.priceSheet[0]).toMatchObject({ item: 'R32 host', quantity: 3 });
  });

  it('sizes the sample inventory (data/vms.csv) with N+1 on several host models side by side', async () => {
    const r = await run(['size', '--catalog', 'data/catalog.json', '--vms', 'data/vms.csv', '--failover', '1', '--json', '-']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const feasible = j.options.filter((o: { feasible: boolean }) => o.feasible);
    expect(feasible.length).toBeGreaterThanOrEqual(2);
    for (const o of feasible) {
      expect(o.failover).toMatchObject({ k: 1, tolerates: true });
      expect(o.hosts).toBeGreaterThan(o.hostsForLoad);
      expect(o.placements).toHaveLength(j.vms);
    }
    const costs = j.options.map((o: { costPerMonth: number }) => o.costPerMonth);
    expect(costs.slice(0, feasible.length)).toEqual([...costs.slice(0, feasible.length)].sort((a, b) => a - b));
  });

  it('prints the options table and the runway under growth', async () => {
    // 24 VMs on 3 hosts hold 30 with one down; 24 x 1.05^5 = 30.6 -> 31 VMs in month 5
    const r = await run(['size', '--catalog', join(dir, 'catalog.json'), '--vms', join(dir, 'vms24.json'), '--growth', '0.05', '--horizon', '12']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/3 x R32\s+3\s+2 \+ 1 passive\s+1\s+memoryMB/);
    expect(r.out).toMatch(/runs out in month 5 \(31 VMs\); 4 hosts needed at month 12/);
  });

  it('prices Windows licences per host with --licensing', async () => {
    // 15 Windows guests per host at peak: 2008 Datacenter 2 x 2,999 = 5,998, / 36 = 166.61 a month
    const r = await run(['size', '--catalog', join(dir, 'catalog.json'), '--vms', join(dir, 'vms30.json'), '--licensing', '2008', '--json', '-']);
    const j = JSON.parse(r.out);
    expect(j.options[0].models[0].licensing).toMatchObject({ windowsGuests: 15, total: 5998 });
    expect(j.costs.lines.find((l: { category: string }) => l.category === 'licences').amount).toBeCloseTo(3 * 5998 / 36, 6);
    expect((await run(['size', '--catalog', join(dir, 'catalog.json'), '--vms', join(dir, 'vms30.json'), '--prices', 'data/prices.json'])).err).toMatch(/--prices and --host-os need --licensing/);
  });

  it('shares the cost by a weighted mix with --weights', async () => {
    const r = await run(['size', '--catalog', join(dir, 'catalog.json'), '--vms', join(dir, 'vms30.json'), '--weights', 'cpuGHz=1,memoryMB=3', '--json', '-']);
    const j = JSON.parse(r.out);
    // identical VMs: each pays 1/30 of 3 x 411.58 whatever the weights
    expect(j.options[0].vmCosts[0].costPerMonth).toBeCloseTo((3 * MONTH) / 30, 6);
    expect(j.options[0].vmCosts[0].dominant).toBeNull();
    expect(j.assumptions.find((a: { name: string }) => a.name === 'costShare').value).toEqual({ weights: { cpuGHz: 1, memoryMB: 3 } });
    expect((await run(['size', '--catalog', join(dir, 'catalog.json'), '--vms', join(dir, 'vms30.json'), '--weights', 'ram=2'])).err).toMatch(/costShare.weights.ram: unknown resource/);
  });

  it('answers what-if additions and removals', async () => {
    // 30 - 1 + 5 = 34 VMs: 70,992 MB / 32,256 = 2.2 -> 3 + 1 = 4
    const r = await run(['size', '--catalog', join(dir, 'catalog.json'), '--vms', join(dir, 'vms30.json'), '--add', join(dir, 'add.json'), '--remove', 'v1', '--json', '-']);
    const j = JSON.parse(r.out);
    expect(j.vms).toBe(34);
    expect(j.sizing.hostsNeeded).toBe(4);
  });

  it('exits 1 when no model can run every VM, naming the VM and why', async () => {
    const r = await run(['size', '--catalog', join(dir, 'catalog.json'), '--vms', join(dir, 'huge.json')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/No option runs every VM/);
    expect(r.out).toMatch(/huge: needs [\d,]+ MB more memory/);
  });

  it('rejects bad usage with exit 2', async () => {
    expect((await run(['size', '--catalog', join(dir, 'catalog.json')])).err).toBe('hostplan size: size needs --catalog FILE and --vms FILE\n');
    expect((await run(['size', '--catalog', join(dir, 'catalog.json'), '--vms', join(dir, 'vms30.json'), '--failover', 'x'])).code).toBe(2);
    expect((await run(['size', '--catalog', join(dir, 'catalog.json'), '--vms', join(dir, 'vms30.json'), '--remove', 'nope'])).err).toMatch(/whatIf.remove\[0\]: expected the id of a VM in the inventory, got "nope"/);
  });
});
