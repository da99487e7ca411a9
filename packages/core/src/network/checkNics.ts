import type { Host } from '../model/host.js';

/** One finding of {@link checkNics}. */
export interface NicFinding {
  readonly severity: 'error' | 'warning' | 'info';
  readonly rule: 'management-port' | 'heartbeat-port' | 'iscsi-ports' | 'guest-port' | 'live-migration-port' | 'ten-gig-guest';
  readonly message: string;
}

/** Options of {@link checkNics}: what the host is used for, which decides the NIC roles it needs. */
export interface NicCheckOptions {
  /** Is the host a cluster node? @defaultValue false */
  readonly clustered?: boolean;
  /** Where VM storage lives. @defaultValue 'das' */
  readonly storage?: 'das' | 'iscsi' | 'fc';
  /** The platform has live migration (2008 R2 on). @defaultValue false */
  readonly liveMigration?: boolean;
}

/**
 * The seed's NIC role rules for a host: a dedicated management port; a heartbeat port when
 * clustered; at least two iSCSI ports with iSCSI storage; at least one guest port (10 GbE for
 * the best consolidation ratio); a live-migration network where the platform has it.
 *
 * @example
 * checkNics({ ...host, nics: [{ role: 'guest', gbps: 1, ports: 1 }] }, { clustered: true })
 *   .filter((f) => f.severity === 'error').map((f) => f.rule) // => ['management-port', 'heartbeat-port']
 */
export function checkNics(host: Host, options: NicCheckOptions = {}): NicFinding[] {
  const { clustered = false, storage = 'das', liveMigration = false } = options;
  const ports = (role: string) => (host.nics ?? []).filter((n) => n.role === role).reduce((s, n) => s + (n.ports ?? 1), 0);
  const out: NicFinding[] = [];
  if (ports('management') < 1) {
    out.push({ severity: 'error', rule: 'management-port', message: `host ${host.id}: no port dedicated to host management (seed: one port for management, no virtual switch on it)` });
  }
  if (clustered && ports('heartbeat') < 1) {
    out.push({ severity: 'error', rule: 'heartbeat-port', message: `host ${host.id}: clustered but no heartbeat port (seed: one port for the cluster heartbeat)` });
  }
  if (storage === 'iscsi' && ports('iscsi') < 2) {
    out.push({ severity: 'error', rule: 'iscsi-ports', message: `host ${host.id}: iSCSI storage needs at least two iSCSI ports, has ${ports('iscsi')}` });
  }
  const guest = ports('guest');
  if (guest < 1) {
    out.push({ severity: 'error', rule: 'guest-port', message: `host ${host.id}: no port for guest traffic (seed: at least one)` });
  } else if (!(host.nics ?? []).some((n) => n.role === 'guest' && n.gbps >= 10)) {
    out.push({ severity: 'info', rule: 'ten-gig-guest', message: `host ${host.id}: guest ports are under 10 Gbps (seed: 10 GbE for the maximum consolidation ratio)` });
  }
  if (clustered && liveMigration && ports('live-migration') < 1) {
    out.push({ severity: 'warning', rule: 'live-migration-port', message: `host ${host.id}: no live-migration network (2008 R2 and later)` });
  }
  return out;
}
