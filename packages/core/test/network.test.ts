import { describe, expect, it } from 'vitest';
import { checkNics, type Host } from '@hostplan/core';
import { host2008 } from './fixtures.js';

const withNics = (nics: Host['nics']): Host => ({ ...host2008, nics });

describe('checkNics(host, options)', () => {
  it('passes a clustered iSCSI host with every role', () => {
    const h = withNics([{ role: 'management', gbps: 1, ports: 1 }, { role: 'heartbeat', gbps: 1, ports: 1 }, { role: 'iscsi', gbps: 10, ports: 2 }, { role: 'guest', gbps: 10, ports: 2 }]);
    expect(checkNics(h, { clustered: true, storage: 'iscsi' })).toEqual([]);
  });

  it('finds a missing management port, heartbeat and second iSCSI port', () => {
    const h = withNics([{ role: 'iscsi', gbps: 1, ports: 1 }, { role: 'guest', gbps: 1, ports: 1 }]);
    const f = checkNics(h, { clustered: true, storage: 'iscsi' });
    expect(f.filter((x) => x.severity === 'error').map((x) => x.rule)).toEqual(['management-port', 'heartbeat-port', 'iscsi-ports']);
    expect(f.find((x) => x.rule === 'ten-gig-guest')?.severity).toBe('info');
  });

  it('needs no heartbeat when standalone and no iSCSI ports with direct-attached storage', () => {
    const h = withNics([{ role: 'management', gbps: 1, ports: 1 }, { role: 'guest', gbps: 10, ports: 1 }]);
    expect(checkNics(h)).toEqual([]);
  });

  it('requires a guest port', () => {
    expect(checkNics(withNics([{ role: 'management', gbps: 1, ports: 1 }])).map((x) => x.rule)).toEqual(['guest-port']);
  });
});
