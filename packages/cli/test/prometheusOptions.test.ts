import { describe, expect, it } from 'vitest';
import { prometheusBenchOptions } from '../src/prometheusOptions.js';

describe('prometheusBenchOptions (the bench command line)', () => {
  const ctx = { cwd: '/', env: { HOSTPLAN_PROMETHEUS_TOKEN: 'tok-1', ORG: 'acme' } };
  it('maps the options, the token from the environment and env: header values', async () => {
    const o = await prometheusBenchOptions({ prometheus: 'https://mimir/prometheus', query: ['up', 'sum(rate(x[5m]))'], from: 'now-7d', to: 'now', step: '1m', pushdown: true, header: ['X-Scope-OrgID: env:ORG', 'X-Team: ops'] }, ctx);
    expect(o).toEqual({
      endpoint: { url: 'https://mimir/prometheus', bearerToken: 'tok-1', headers: { 'X-Scope-OrgID': 'acme', 'X-Team': 'ops' } },
      queries: ['up', 'sum(rate(x[5m]))'],
      from: 'now-7d',
      to: 'now',
      step: '1m',
      pushdown: true,
    });
  });
  it.each([
    [{ prometheus: 'prom:9090', preset: 'node', from: 'a', to: 'b', step: '1m' }, /^--prometheus: expected an http/],
    [{ prometheus: 'http://p', preset: 'node', to: 'b', step: '1m' }, /^--from: --prometheus needs/],
    [{ prometheus: 'http://p', preset: 'vmware', from: 'a', to: 'b', step: '1m' }, /^--preset: expected one of node, hyperv, libvirt/],
    [{ prometheus: 'http://p', from: 'a', to: 'b', step: '1m' }, /^--query: give --query/],
    [{ prometheus: 'http://p', preset: 'node', from: 'a', to: 'b', step: '1m', header: ['secret-value-without-name'] }, /^--header\[0\]: expected 'Name: value'$/],
    [{ prometheus: 'http://p', preset: 'node', from: 'a', to: 'b', step: '1m', header: ['X-Key: env:NOPE'] }, /^--header\[0\]: X-Key: environment variable NOPE is not set/],
  ])('refuses %j', async (values, message) => {
    await expect(prometheusBenchOptions(values, ctx)).rejects.toThrow(message);
  });
});
