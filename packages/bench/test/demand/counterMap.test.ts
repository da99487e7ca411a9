import { describe, expect, it } from 'vitest';
import { DEFAULT_COUNTER_MAP, extendCounterMap } from '@hostplan/bench';
import { matchCounter } from '../../src/demand/index.js';
import { pdhKey } from './hyperv.js';

describe('matchCounter(map, key)', () => {
  it.each([
    [pdhKey('HV1', 'Hyper-V Hypervisor Logical Processor', '_Total', '% Total Run Time'), 'host.cpuPercent', 'HV1'],
    [pdhKey('HV1', 'Hyper-V Hypervisor Virtual Processor', 'sql:01:Hv VP 3', '% Guest Run Time'), 'vm.cpuCores', 'sql:01'], // VM names may hold colons: cut at the last ':Hv VP'
    [pdhKey('HV1', 'Hyper-V Dynamic Memory VM', 'web01', 'Physical Memory'), 'vm.memoryMB', 'web01'],
    [pdhKey('HV1', 'Hyper-V Virtual Network Adapter', 'web01_Network Adapter_{a1b2}', 'Bytes/sec'), 'vm.networkMbps', 'web01'],
    [pdhKey('HV1', 'PhysicalDisk', '_Total', 'Disk Transfers/sec'), 'host.iops', 'HV1'],
  ])('%j -> %s of %s', (key, resource, entity) => {
    expect(matchCounter(DEFAULT_COUNTER_MAP, key)).toMatchObject({ resource, entity });
  });

  it('ignores _Total where VM instances are expected, and disks other than _Total for host IOPS', () => {
    expect(matchCounter(DEFAULT_COUNTER_MAP, pdhKey('HV1', 'Hyper-V Hypervisor Virtual Processor', '_Total', '% Guest Run Time'))).toBeNull();
    expect(matchCounter(DEFAULT_COUNTER_MAP, pdhKey('HV1', 'PhysicalDisk', '0 C:', 'Disk Transfers/sec'))).toBeNull();
  });
});

describe('extendCounterMap(json, file)', () => {
  it('puts user rules first and renames entities', () => {
    const map = extendCounterMap({ rules: [{ object: 'Hyper-V Virtual Storage Device', counter: 'Read Operations/Sec', resource: 'vm.iops', entity: '/-VMs-(.+?)\\.vhdx?$/' }], entities: { web01: 'WEB-01' } }, 'map.json');
    expect(map.rules.length).toBe(DEFAULT_COUNTER_MAP.rules.length + 1);
    expect(matchCounter(map, pdhKey('HV1', 'Hyper-V Virtual Storage Device', 'D:-VMs-web01.vhdx', 'Read Operations/Sec'))).toMatchObject({ entity: 'WEB-01' });
  });

  it.each([
    [[], /map\.json:: expected an object/],
    [{ rules: [{ object: 'O', counter: 'C', resource: 'vm.gpu' }] }, /map\.json:rules\[0\]\.resource: expected one of/],
    [{ rules: [{ object: 'O', counter: 'C', resource: 'vm.iops', scale: '2' }] }, /rules\[0\]\.scale: expected a finite number/],
    [{ rules: [{ object: 'O', counter: 'C', resource: 'vm.iops', instance: '/(/' }] }, /rules\[0\]\.instance: expected a valid regular expression/],
    [{ rules: [{ object: 'O', counter: 'C', resource: 'vm.iops', colour: 'red' }] }, /rules\[0\]\.colour: unknown field/],
    [{ rulez: [] }, /map\.json:rulez: unknown field/],
  ])('rejects %j naming the file and field', (json, message) => {
    expect(() => extendCounterMap(json, 'map.json')).toThrow(message);
  });
});

describe('user patterns and names cannot hang or crash matching', () => {
  const vp = (instance: string) => pdhKey('HV1', 'Custom', instance, 'Busy');
  const rule = (instance: string, entity?: string) => ({ object: 'Custom', counter: 'Busy', instance, resource: 'vm.cpuCores', ...(entity && { entity }) });

  it('/^(a+)+$/ against 5,000 a and a ! answers no match (RE2: linear time, no backtracking)', () => {
    const map = extendCounterMap({ rules: [rule('/^(a+)+$/')] }, 'map.json', { rules: [] });
    expect(matchCounter(map, vp(`${'a'.repeat(5000)}!`))).toBeNull();
    expect(matchCounter(map, vp('aaaa'))).toMatchObject({ entity: 'aaaa' });
  });

  it('an entity pattern with nested quantifiers still captures, in linear time', () => {
    const map = extendCounterMap({ rules: [rule('*', '/^((?:x+)+)y/')] }, 'map.json', { rules: [] });
    expect(matchCounter(map, vp(`${'x'.repeat(5000)}z`))).toMatchObject({ entity: `${'x'.repeat(5000)}z` }); // no match: the instance
    expect(matchCounter(map, vp('xxy-1'))).toMatchObject({ entity: 'xx' });
  });

  it.each([
    ['/(a)\\1/', /map\.json:rules\[0\]\.instance: expected a valid regular expression: .*invalid escape sequence.*RE2 syntax/],
    ['/(?=a)b/', /map\.json:rules\[0\]\.instance: expected a valid regular expression: .*unsupported Perl syntax/],
    [`/${'a'.repeat(1001)}/`, /map\.json:rules\[0\]\.instance: expected a valid regular expression: the pattern has 1001 characters, more than 1000/],
  ])('refuses %s with a located error', (pattern, message) => {
    expect(() => extendCounterMap({ rules: [rule(pattern)] }, 'map.json')).toThrow(message);
  });

  it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf'])('a VM instance named %s keeps its name, with and without renames', (name) => {
    for (const entities of [{}, { web01: 'WEB-01' }]) {
      const map = extendCounterMap({ rules: [rule('*')], entities }, 'map.json', { rules: [] });
      expect(matchCounter(map, vp(name))).toMatchObject({ entity: name });
    }
    const renamed = extendCounterMap(JSON.parse(`{"rules":[{"object":"Custom","counter":"Busy","resource":"vm.cpuCores"}],"entities":{${JSON.stringify(name)}:"renamed"}}`), 'map.json', { rules: [] });
    expect(matchCounter(renamed, vp(name))).toMatchObject({ entity: 'renamed' });
  });
});
