/**
 * For provisioning tools: which host should this new VM go to, and why not the others?
 *
 *   npm run example:provisioning
 *
 * Loads the sample farm, fills it with the VMs already running (the first 250 of the sample
 * inventory), rates every host for a new SQL Server VM that must not share a host with its
 * partner (absolute stars, best first, a reason for every host), then places it.
 */
import { fileURLToPath } from 'node:url';
import { placeVms, rateHosts, type Vm } from '@hostplan/core';
import { loadHosts, loadVms } from '@hostplan/bench';

const data = (name: string) => fileURLToPath(new URL(`../data/${name}`, import.meta.url));

/** Runs the example, writing what it finds through `print`; returns the chosen host. */
export async function provisioning(print: (line: string) => void = console.log): Promise<string | null> {
  const hosts = await loadHosts(data('hosts.json'));
  const inventory = await loadVms(data('vms.json'));

  // The farm today: 250 VMs already running where an earlier placement put them.
  const running = inventory.slice(0, 250);
  const today = placeVms(hosts, running, { goal: 'balance' });
  const placed = today.placements.map((p) => ({ vm: running.find((v) => v.id === p.vm)!, host: p.host }));
  print(`Farm: ${hosts.length} hosts, ${placed.length} VMs running.`);

  // The new VM: the second node of a SQL Server guest cluster whose first node runs already.
  const partner = placed.find((p) => p.vm.antiAffinity?.length && p.vm.role === 'sql')!;
  const newVm: Vm = { id: 'sql-new-b', vcpus: 4, memoryGB: 16, diskGB: 300, iops: 450, networkMbps: 50, cpuUtilization: 0.35, guestOS: 'Windows Server 2008', role: 'sql', antiAffinity: partner.vm.antiAffinity! };
  print(`New VM: ${newVm.id} (${newVm.vcpus} vCPUs, ${newVm.memoryGB} GB), anti-affinity with ${partner.vm.id} on ${partner.host}.`);

  for (const goal of ['consolidate', 'balance'] as const) {
    // best first, absolute stars, one explanation per host
    const ratings = rateHosts(hosts, newVm, { placed, goal });
    const best = ratings.find((r) => r.recommended);
    print(`\nGoal ${goal}: ${best ? `recommended ${best.host} (${best.stars} stars, score ${best.score.toFixed(3)})` : 'no host can take it'}`);
    for (const r of ratings) print(`  ${r.host} ${r.stars.toFixed(1)}: ${r.explanation}`);
  }

  // Place it for real (the running VMs pinned where they are).
  const plan = placeVms(hosts, [...running, newVm], { pinned: today.placements, goal: 'consolidate' });
  const chosen = plan.placements.find((p) => p.vm === newVm.id)?.host ?? null;
  print(chosen ? `\nPlaced ${newVm.id} on ${chosen}.` : `\n${newVm.id} fits nowhere: ${plan.unplaced.find((u) => u.vm === newVm.id)?.reasons.map((r) => r.message).join('; ')}`);
  return chosen;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await provisioning();
