import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from './support/run.js';

let dir = '';
const nics = 'management:1;heartbeat:1;live-migration:1;guest:10x2';
// 2 x 6 cores x 2 threads = 24 LPs (192 vCPUs at 8:1), 36 GHz - 10 % = 32.4 GHz, 96 GB
const r2 = (id: string) => ({ id, sockets: 2, coresPerSocket: 6, threadsPerCore: 2, clockGHz: 3, memoryGB: 96, platform: 'hyperv-2008r2', cluster: 'c1', nics });
const old = (id: string, extra = {}) => ({ id, sockets: 2, coresPerSocket: 4, clockGHz: 3, memoryGB: 32, ...extra });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hostplan-seed-rules-'));
  writeFileSync(join(dir, 'guest-only.json'), JSON.stringify([old('a', { nics: 'guest:1' }), old('b', { nics: 'guest:1' })]));
  writeFileSync(join(dir, 'two.json'), JSON.stringify([old('a', { nics }), old('b', { nics })]));
  writeFileSync(join(dir, 'small.json'), JSON.stringify([{ id: 'v1', vcpus: 1, memoryGB: 2 }]));
  // 16 hosts of one 2008 R2 cluster, 1,200 VMs of 512 MB at 5 % of one vCPU: 75 a host
  writeFileSync(join(dir, 'r2.json'), JSON.stringify(Array.from({ length: 16 }, (_, i) => r2(`h${i + 1}`))));
  writeFileSync(join(dir, 'many.json'), JSON.stringify(Array.from({ length: 1200 }, (_, i) => ({ id: `v${i + 1}`, vcpus: 1, memoryGB: 0.5, cpuUtilization: 0.05, diskGB: 1 }))));
  writeFileSync(join(dir, 'guests.json'), JSON.stringify([
    { id: 'xp64', vcpus: 2, memoryGB: 1, guestOS: 'Windows XP Professional x64 SP2' },
    { id: 'w2k3sp1', vcpus: 1, memoryGB: 1, guestOS: 'Windows Server 2003 SP1' },
    { id: 'bigdisk', vcpus: 1, memoryGB: 1, diskGB: 3000 },
  ]));
});

describe('hostplan plan checks the seed rules', () => {
  it('fails a clustered host with only a guest port (exit 1), with the findings in the JSON', async () => {
    const r = await run(['plan', '--hosts', 'guest-only.json', '--vms', 'small.json', '--failover', '1'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('error: host a: no port dedicated to host management');
    expect(r.out).toContain('error: host a: clustered but no heartbeat port');
    const j = JSON.parse((await run(['plan', '--hosts', 'guest-only.json', '--vms', 'small.json', '--failover', '1', '--json', '-'], dir)).out);
    expect(j.findings.filter((f: { severity: string }) => f.severity === 'error').map((f: { rule: string }) => f.rule)).toEqual(['management-port', 'heartbeat-port', 'management-port', 'heartbeat-port']);
  });

  it('passes hosts with every NIC role', async () => {
    const r = await run(['plan', '--hosts', 'two.json', '--vms', 'small.json', '--failover', '1'], dir);
    expect(r.code).toBe(0);
  });

  it('fails 1,200 VMs on one 2008 R2 cluster (1,000 at most)', async () => {
    const r = await run(['plan', '--hosts', 'r2.json', '--vms', 'many.json'], dir);
    expect(r.out).toMatch(/Placed 1200 of 1200 VMs/);
    expect(r.out).toContain('error: cluster c1: 1,200 VMs on 16 hosts, over the platform\'s 1,000 VMs per cluster');
    expect(r.code).toBe(1);
  });

  it('places XP x64 SP2 with 2 vCPUs and leaves out Server 2003 SP1 and a 3,000 GB VHD on 2008', async () => {
    const r = await run(['plan', '--hosts', 'two.json', '--vms', 'guests.json', '--json', '-'], dir);
    const j = JSON.parse(r.out);
    expect(r.code).toBe(1);
    expect(j.placements.map((p: { vm: string }) => p.vm)).toEqual(['xp64']);
    const rules = Object.fromEntries(j.unplaced.map((u: { vm: string; reasons: { violation?: { rule: string } }[] }) => [u.vm, u.reasons[0]!.violation!.rule]));
    expect(rules).toEqual({ w2k3sp1: 'guest-os-service-pack', bigdisk: 'max-vhd-size' });
  });
});

describe('money and cluster size in size, quote and license', () => {
  it('license prints money with its currency and two decimals', async () => {
    // 2008, 2 sockets, 5 VMs: Enterprise + Standard = 3,998
    const r = await run(['license', '--era', '2008', '--sockets', '2', '--cores-per-socket', '4', '--vms', '5']);
    expect(r.out).toContain('USD 3,998.00');
    expect(r.out.split('\n').filter((l) => !l.startsWith('Prices:')).join('\n')).not.toMatch(/\$\d/);
  });

  it('license counts the four short-form Windows names as Windows guests and warns about an unknown name', async () => {
    const names = ['Server 2008 R2', 'W2K3 SP2', 'Vista SP1', 'XP SP3', 'CentOS 7 (64-bit)', 'Other (32-bit)'];
    writeFileSync(join(dir, 'named.json'), JSON.stringify(names.map((guestOS, i) => ({ id: `g${i}`, vcpus: 1, memoryGB: 1, guestOS }))));
    const r = await run(['license', '--era', '2008', '--sockets', '2', '--cores-per-socket', '4', '--vms', 'named.json', '--json', '-'], dir);
    const j = JSON.parse(r.out);
    expect(j.windowsGuests).toBe(5); // 4 Windows + 1 unknown, CentOS free
    expect(j.assumptions.find((a: { name: string }) => a.name === 'guestOS.unrecognised').value).toEqual([{ name: 'Other (32-bit)', vms: 1 }]);
    const t = await run(['license', '--era', '2008', '--sockets', '2', '--cores-per-socket', '4', '--vms', 'named.json'], dir);
    expect(t.out).toContain('warning: guest OS "Other (32-bit)" (1 guest) is not in the guest OS table');
  });

  it('import warns about a guest OS name the table does not know', async () => {
    writeFileSync(join(dir, 'rvtools.csv'), 'VM,CPUs,Memory,OS according to the configuration file,Powerstate\nvm1,2,4096,Microsoft Windows Server 2016 (64-bit),poweredOn\nvm2,1,2048,Other (32-bit),poweredOn\n');
    const r = await run(['import', 'rvtools.csv'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('warning: guest OS "Other (32-bit)" (1 guest) is not in the guest OS table: counted as needing a Windows licence');
    expect(r.out).not.toContain('Windows Server 2016 (64-bit)" (1 guest)');
  });

  it('size shows no cost for an option that cannot run every VM, and USD on the others', async () => {
    const r = await run(['size', '--catalog', 'data/catalog.json', '--vms', 'data/vms.csv']);
    const rows = r.out.split('\n').filter((l) => /^\d+ x /.test(l));
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      if (/cannot run|fails/.test(row)) expect(row).toMatch(/ -\s+-\s*$/);
      else expect(row).toMatch(/USD [\d,]+\.\d\d\s+USD [\d,]+\.\d\d\s*$/);
    }
  });

  it('quote states the cluster size, warns on the platform limit, and takes --cluster-size', async () => {
    const dflt = await run(['quote', '--plans', 'data/plans.json', '--catalog', 'data/catalog.json']);
    expect(dflt.out).toMatch(/r760-2x16: clusters of 64 hosts \(platform limit\) with 1 spare: spares add 1\.6 % to the cost/);
    expect(dflt.out).toContain('warning: r760-2x16: clusters of 64 hosts assumed');
    const four = await run(['quote', '--plans', 'data/plans.json', '--catalog', 'data/catalog.json', '--cluster-size', '4']);
    expect(four.out).toMatch(/r760-2x16: clusters of 4 hosts \(input\) with 1 spare: spares add 33\.3 % to the cost/);
    expect(four.out).not.toContain('warning: r760');
  });
});
