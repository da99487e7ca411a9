import { rateHosts, placeVms, type Vm } from '@hostplan/core';
import { loadHosts, loadVms } from '@hostplan/bench';

const hosts = await loadHosts('data/hosts.json');
const running = (await loadVms('data/vms.json')).slice(0, 200);
const today = placeVms(hosts, running);
const placed = today.placements.map((p) => ({ vm: running.find((v) => v.id === p.vm)!, host: p.host }));

// Which host should a new VM go to, and why not the others? Best first, 0-5 stars.
const vm: Vm = { id: 'app-new', vcpus: 2, memoryGB: 8, cpuUtilization: 0.3 };
for (const r of rateHosts(hosts, vm, { placed })) {
  console.log(`${r.host}: ${r.explanation}`);
}
