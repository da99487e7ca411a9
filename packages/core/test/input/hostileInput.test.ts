import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDuplicateJsonKeys, duplicateJsonKey, parseHost, parsePolicy, parseQuantity, parseVm, rateHosts } from '@hostplan/core';

describe('duplicateJsonKey(text)', () => {
  it('finds nothing in any JSON.stringify output (keys there are unique), indented or not', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.constantFrom(0, 2), (v, indent) => {
      expect(duplicateJsonKey(JSON.stringify(v, null, indent))).toBeNull();
    }), { numRuns: 300 });
  });

  it('finds a key repeated in any object, at the line and column of the second occurrence', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1, maxKeys: 5 }), fc.string(), (obj, key) => {
      const body = JSON.stringify({ ...obj, [key]: 1 }, null, 2);
      // the same key again, escaped differently (\u escapes decode to the same key)
      const again = JSON.stringify(key).replace(/[a-z]/, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
      const text = `{"wrap": [0, ${body.slice(0, -1)},\n  ${again}: 2\n}]}`;
      expect(JSON.parse(text)).toBeTruthy();
      const d = duplicateJsonKey(text)!;
      expect(d.key).toBe(key);
      expect(d.path).toBe('$.wrap[1]');
      const lines = text.split('\n');
      expect(lines[d.line - 1]!.slice(d.column - 1).startsWith(again)).toBe(true);
    }), { numRuns: 200 });
  });

  it('checkDuplicateJsonKeys names the file, line and column', () => {
    expect(() => checkDuplicateJsonKeys('{"memoryGB": 4,\n "memoryGB": 64}', 'vms.json')).toThrow('vms.json:2:2: duplicate key "memoryGB" in $ (JSON keeps only the last; remove one)');
  });
});

describe('values that are almost surely mistakes', () => {
  it.each(['256 Gb', '1 kb', '10 Mbit', '2 Tb'])('%j for memory (bits, not bytes) is refused with a hint', (text) => {
    expect(() => parseVm({ id: 'v', vcpus: 1, memoryGB: text }, 'vms.json[0]')).toThrow(/^vms\.json\[0\]\.memoryGB: .* is in bits \(.*\), but memory and disk sizes are in bytes; write ".* [KMGTP]?B" \(a capital B\)/);
  });

  it('reads "256 GB" and "256 GiB" as 256 GB', () => {
    expect(parseQuantity('256 GB', 'GB', 'x')).toBe(256);
    expect(parseQuantity('256 GiB', 'GB', 'x')).toBe(256);
  });

  it('a 1e308 GB VM is a range error at its field, not Infinity MB later', () => {
    expect(() => parseVm({ id: 'v', vcpus: 1, memoryGB: 1e308 }, 'vms.json[0]')).toThrow(/^vms\.json\[0\]\.memoryGB: expected a number of at most 1e15 GB/);
    expect(() => parseHost({ id: 'h', sockets: 1, coresPerSocket: 1, clockGHz: 1, memoryGB: '1e300 GB' }, 'hosts.json[0]')).toThrow(/^hosts\.json\[0\]\.memoryGB: expected a number of at most 1e15 GB/);
  });

  it('policy range errors name the file', () => {
    expect(() => parsePolicy({ reserves: { cpuPercent: 150 } }, 'policy.json')).toThrow(/^policy\.json\.reserves\.cpuPercent: expected a percentage in \[0, 100\)/);
    expect(() => parsePolicy({ targetUtilization: { memoryMB: 2 } }, 'policy.json')).toThrow(/^policy\.json\.targetUtilization\.memoryMB/);
    expect(() => parsePolicy({ memoryOverhead: 'sum(ones(20000, 20000))' }, 'policy.json')).toThrow(/^policy\.json\.memoryOverhead: function "sum" is not allowed/);
  });

  it('rateHosts refuses a VM placed twice', () => {
    const host = { id: 'h', sockets: 1, coresPerSocket: 4, threadsPerCore: 1, clockGHz: 3, memoryGB: 32 };
    const vm = { id: 'a', vcpus: 1, memoryGB: 1 };
    expect(() => rateHosts([host], { id: 'new', vcpus: 1, memoryGB: 1 }, { placed: [{ vm, host: 'h' }, { vm, host: 'h' }] })).toThrow(/options\.placed\[1\]\.vm\.id: duplicate VM id "a" \(first at options\.placed\[0\]\)/);
  });
});
