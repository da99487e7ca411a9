/**
 * Presets: which PromQL gives which hostplan resource, per exporter. `$rate` stands for the
 * rate window (default 5m, at least four scrape intervals); counters go through `rate()`.
 *
 * Metric names, as their exporters document them:
 * - node_exporter (Linux/KVM hosts): `node_cpu_seconds_total{cpu,mode}`, `node_memory_MemTotal_bytes`,
 *   `node_memory_MemAvailable_bytes`, `node_disk_reads_completed_total`, `node_disk_writes_completed_total`,
 *   `node_network_receive_bytes_total`, `node_network_transmit_bytes_total` (all `*_total` are counters).
 * - windows_exporter, hyperv collector (docs/collector.hyperv.md, releases with the
 *   `hypervisor_logical_processor_time_total{core,state}` family, state guest/hypervisor/idle, in
 *   seconds): `windows_hyperv_hypervisor_logical_processor_time_total`,
 *   `windows_hyperv_hypervisor_virtual_processor_time_total{vm,core,state}`,
 *   `windows_hyperv_dynamic_memory_vm_physical{vm}` (the perf counter `Physical Memory`, in MB),
 *   `windows_hyperv_virtual_storage_device_operations_read_total` / `_operations_written_total{device}`,
 *   `windows_hyperv_virtual_network_adapter_received_bytes_total` / `_sent_bytes_total{adapter}`, and the
 *   memory collector's `windows_memory_available_bytes`. Older releases (`windows_hyperv_vm_cpu_total_run_time`,
 *   100-ns units) need a mapping file.
 * - prometheus-libvirt-exporter (per domain): `libvirt_domain_info_cpu_time_seconds_total{domain}`,
 *   `libvirt_domain_info_memory_usage_bytes`, `libvirt_domain_block_stats_read_requests_total` /
 *   `_write_requests_total{domain,target_device}`, `libvirt_domain_interface_stats_receive_bytes_total` /
 *   `_transmit_bytes_total{domain,target_device}`.
 */

import type { CounterMap, DemandResource } from '../demand/counterMap.js';

/** The hostplan resources a query can measure. */
export type PromResource = 'cpu' | 'memory' | 'iops' | 'network' | 'other';

/** One query of a preset or a user's mapping file. */
export interface PromQuerySpec {
  /** Short name, unique within the set: becomes each series' `counter`. */
  readonly name: string;
  /** PromQL giving one instant vector; `$rate` is replaced by the rate window. */
  readonly expr: string;
  /** @defaultValue 'other' */
  readonly resource?: PromResource;
  /** Whose measurement: the host's own, or one VM's. @defaultValue 'host' */
  readonly entity?: 'host' | 'vm';
  /** Unit of the values, e.g. `percent`, `cores`, `MB`, `IOPS`, `Mbps`. */
  readonly unit?: string;
  /**
   * The demand series the values feed (per-VM demand, host figures), in that resource's unit:
   * `vm.cpuCores` in cores, `host.cpuPercent` 0..100, memory in MB, network in Mbps.
   */
  readonly demand?: DemandResource;
}

/**
 * The built-in query presets, one per exporter: `node` (node_exporter on Linux/KVM hosts),
 * `hyperv` (windows_exporter's hyperv collector), `libvirt` (prometheus-libvirt-exporter).
 */
export type PromPresetName = 'node' | 'hyperv' | 'libvirt';

/**
 * The queries of every {@link PromPresetName}, with the metric names listed at the top of this
 * module: each gives one instant vector in the unit it names and, where it has one, the demand
 * series it feeds. `$rate` in an expression is replaced by the rate window (`expandPromRate`).
 *
 * @example
 * PROM_PRESETS.node.map((q) => q.name) // => ['host-cpu', 'host-memory-available', 'host-iops', 'host-network']
 */
export const PROM_PRESETS: Readonly<Record<PromPresetName, readonly PromQuerySpec[]>> = {
  node: [
    { name: 'host-cpu', resource: 'cpu', entity: 'host', unit: 'percent', demand: 'host.cpuPercent', expr: '100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[$rate])))' },
    { name: 'host-memory-available', resource: 'memory', entity: 'host', unit: 'MB', demand: 'host.availableMemoryMB', expr: 'node_memory_MemAvailable_bytes / 1048576' },
    { name: 'host-iops', resource: 'iops', entity: 'host', unit: 'IOPS', demand: 'host.iops', expr: 'sum by (instance) (rate(node_disk_reads_completed_total[$rate]) + rate(node_disk_writes_completed_total[$rate]))' },
    { name: 'host-network', resource: 'network', entity: 'host', unit: 'Mbps', demand: 'host.networkMbps', expr: 'sum by (instance) (rate(node_network_receive_bytes_total{device!="lo"}[$rate]) + rate(node_network_transmit_bytes_total{device!="lo"}[$rate])) * 8 / 1e6' },
  ],
  hyperv: [
    { name: 'host-cpu', resource: 'cpu', entity: 'host', unit: 'percent', demand: 'host.cpuPercent', expr: '100 * (1 - sum by (instance) (rate(windows_hyperv_hypervisor_logical_processor_time_total{state="idle"}[$rate])) / count by (instance) (windows_hyperv_hypervisor_logical_processor_time_total{state="idle"}))' },
    { name: 'host-memory-available', resource: 'memory', entity: 'host', unit: 'MB', demand: 'host.availableMemoryMB', expr: 'windows_memory_available_bytes / 1048576' },
    { name: 'vm-cpu', resource: 'cpu', entity: 'vm', unit: 'cores', demand: 'vm.cpuCores', expr: 'sum by (instance, vm) (rate(windows_hyperv_hypervisor_virtual_processor_time_total{state="guest"}[$rate]))' },
    { name: 'vm-memory', resource: 'memory', entity: 'vm', unit: 'MB', demand: 'vm.memoryMB', expr: 'windows_hyperv_dynamic_memory_vm_physical' },
    // per virtual disk (label device) and adapter: map them to VMs with a mapping file when needed
    { name: 'vm-iops', resource: 'iops', entity: 'vm', unit: 'IOPS', expr: 'sum by (instance, device) (rate(windows_hyperv_virtual_storage_device_operations_read_total[$rate]) + rate(windows_hyperv_virtual_storage_device_operations_written_total[$rate]))' },
    { name: 'vm-network', resource: 'network', entity: 'vm', unit: 'Mbps', expr: 'sum by (instance, adapter) (rate(windows_hyperv_virtual_network_adapter_received_bytes_total[$rate]) + rate(windows_hyperv_virtual_network_adapter_sent_bytes_total[$rate])) * 8 / 1e6' },
  ],
  libvirt: [
    { name: 'vm-cpu', resource: 'cpu', entity: 'vm', unit: 'cores', demand: 'vm.cpuCores', expr: 'sum by (instance, domain) (rate(libvirt_domain_info_cpu_time_seconds_total[$rate]))' },
    { name: 'vm-memory', resource: 'memory', entity: 'vm', unit: 'MB', demand: 'vm.memoryMB', expr: 'libvirt_domain_info_memory_usage_bytes / 1048576' },
    { name: 'vm-iops', resource: 'iops', entity: 'vm', unit: 'IOPS', demand: 'vm.iops', expr: 'sum by (instance, domain) (rate(libvirt_domain_block_stats_read_requests_total[$rate]) + rate(libvirt_domain_block_stats_write_requests_total[$rate]))' },
    { name: 'vm-network', resource: 'network', entity: 'vm', unit: 'Mbps', demand: 'vm.networkMbps', expr: 'sum by (instance, domain) (rate(libvirt_domain_interface_stats_receive_bytes_total[$rate]) + rate(libvirt_domain_interface_stats_transmit_bytes_total[$rate])) * 8 / 1e6' },
  ],
};

/**
 * A query with its `$rate` placeholder replaced by the rate window.
 *
 * @example
 * expandPromRate('rate(x[$rate])', '5m') // => 'rate(x[5m])'
 */
export function expandPromRate(expr: string, rateWindow: string): string {
  return expr.split('$rate').join(rateWindow);
}

/**
 * The demand pipeline's counter map for a set of queries: each query with a `demand` becomes a
 * rule matching its series (object = the query's resource, counter = its name), the entity
 * being the series' host for host resources and its instance (`vm`, `domain`...) for VMs.
 *
 * @example
 * promCounterMap(PROM_PRESETS.libvirt).rules[0]
 * // => { object: 'cpu', counter: 'vm-cpu', resource: 'vm.cpuCores', entity: 'instance' }
 */
export function promCounterMap(queries: readonly PromQuerySpec[]): CounterMap {
  return {
    rules: queries.flatMap((q) => (q.demand ? [{ object: q.resource ?? 'other', counter: q.name, resource: q.demand, entity: q.demand.startsWith('host.') ? 'host' : 'instance' }] : [])),
  };
}
