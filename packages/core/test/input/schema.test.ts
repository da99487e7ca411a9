import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseHost, parsePolicy, parseVm } from '@hostplan/core';
import { HOST_FIELDS } from '../../src/input/host.js';
import { POLICY_FIELDS } from '../../src/input/policy.js';
import { VM_FIELDS } from '../../src/input/vm.js';
import { hostArb, policyArb, vmArb } from '../arbitraries/domain.js';

const schema = (name: string) => JSON.parse(readFileSync(new URL(`../../schema/${name}.schema.json`, import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
for (const n of ['host', 'vm', 'policy', 'hosts', 'vms']) ajv.addSchema(schema(n), `${n}.schema.json`);
const valid = (name: string, doc: unknown) => ajv.validate(`${name}.schema.json`, doc);
const parses = (f: () => unknown) => {
  try {
    f();
    return true;
  } catch {
    return false;
  }
};
const strip = <T extends object>(o: T) => JSON.parse(JSON.stringify(o)) as T;

describe('JSON Schema under packages/core/schema', () => {
  it('lists exactly the fields the parsers read', () => {
    expect(Object.keys(schema('host').properties).sort()).toEqual([...HOST_FIELDS].sort());
    expect(Object.keys(schema('vm').properties).sort()).toEqual([...VM_FIELDS].sort());
    expect(Object.keys(schema('policy').properties).sort()).toEqual([...POLICY_FIELDS].sort());
  });

  it('accepts every host, VM and policy the parsers accept', () => {
    fc.assert(fc.property(hostArb('h1'), vmArb('v1'), policyArb, (h, v, p) => {
      const [host, vm, policy] = [strip(h), strip(v), strip(p)];
      expect(parses(() => parseHost(host, 'h'))).toBe(true);
      expect(valid('host', host)).toBe(true);
      expect(valid('vm', vm) && parses(() => parseVm(vm, 'v'))).toBe(true);
      expect(valid('policy', policy) && parses(() => parsePolicy(policy, 'p'))).toBe(true);
      expect(valid('hosts', { hosts: [host] }) && valid('vms', [vm])).toBe(true);
    }), { numRuns: 100 });
  });

  it.each([
    ['host', { id: 'h', sockets: 2, coresPerSocket: 4, clockGHz: 3 }],
    ['host', { id: 'h', sockets: 0, coresPerSocket: 4, clockGHz: 3, memoryGB: 32 }],
    ['host', { id: 'h', sockets: 2, coresPerSocket: 4, clockGHz: 3, memoryGB: 32, nics: [{ role: 'wan', gbps: 1 }] }],
    ['host', { id: 'h', sockets: 2, coresPerSocket: 4, clockGHz: 3, memoryGB: 32, colour: 'blue' }],
    ['vm', { id: 'v', vcpus: 2 }],
    ['vm', { id: 'v', vcpus: 2, memoryGB: 4, vhd: 'vmdk' }],
    ['vm', { id: 'v', vcpus: 2, memoryGB: 4, cpuUtilization: 2 }],
    ['policy', { reserves: { cpuPercent: 100 } }],
    ['policy', { targetUtilization: { memory: 0.8 } }],
  ])('rejects an invalid %s like the parser does: %j', (name, doc) => {
    expect(valid(name, doc)).toBe(false);
    const parse = { host: parseHost, vm: parseVm, policy: parsePolicy }[name as 'host' | 'vm' | 'policy'];
    // the policy parser leaves ranges to resolvePolicy; the schema checks them up front
    if (name !== 'policy' || 'targetUtilization' in doc) expect(parses(() => parse(doc, name))).toBe(false);
  });
});
