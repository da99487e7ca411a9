import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../src/terminal.js';
import { compactUnplaced } from '../src/unplacedOutput.js';
import { run } from './support/run.js';

/** A fresh folder holding the given files (objects written as JSON). */
export function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hostplan-hostile-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

// eslint-disable-next-line no-control-regex
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminal output (fuzz)', () => {
  it('terminalSafe leaves no control character but tab, LF and CR at a chunk end or before LF, and changes nothing else', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      const t = terminalSafe(s);
      expect(t.replace(/^\r|\r$/g, '').replace(/\r\n/g, '\n')).not.toMatch(ACTIVE);
      if (!ACTIVE.test(s)) expect(t).toBe(s);
    }), { numRuns: 500 });
  });

  it('an id carrying ESC sequences reaches standard output and error as visible escapes', async () => {
    const evil = 'vm\u001b]0;owned\u0007\u001b[2J\u009b31m\u202e';
    const dir = folder({
      'hosts.json': [{ id: 'h1', sockets: 1, coresPerSocket: 1, clockGHz: 1, memoryGB: 1 }],
      'vms.json': [{ id: evil, vcpus: 1, memoryGB: 64 }],
    });
    const r = await run(['plan', '--hosts', 'hosts.json', '--vms', 'vms.json'], dir);
    expect(r.code).toBe(1);
    expect(r.out + r.err).not.toMatch(ACTIVE);
    expect(r.out + r.err).toContain('vm\\u001b]0;owned\\u0007\\u001b[2J\\u009b31m\\u202e');
  });
});

describe('unplaced VMs at scale', () => {
  it('compactUnplaced keeps the first holder of a shared reason list and points the others to it', () => {
    const shared = [{ kind: 'unavailable' as const, host: 'h1', message: 'host h1 is marked unavailable' }];
    const own = [{ kind: 'unavailable' as const, host: 'h2', message: 'host h2 is marked unavailable' }];
    const out = compactUnplaced([{ vm: 'a', reasons: shared }, { vm: 'b', reasons: own }, { vm: 'c', reasons: shared }]);
    expect(out[0]!.reasons).toBe(shared);
    expect(out[1]!.reasons).toBe(own);
    expect(out[2]!.reasons).toEqual([{ kind: 'same-as', vm: 'a', message: 'same reasons as VM a (same demand, groups and guest OS)' }]);
  });

  it('plan --json with 3,000 like VMs that fit nowhere writes one list of reasons and pointers to it', async () => {
    const dir = folder({
      'hosts.json': [{ id: 'h1', sockets: 1, coresPerSocket: 1, clockGHz: 1, memoryGB: 1 }, { id: 'h2', sockets: 1, coresPerSocket: 1, clockGHz: 1, memoryGB: 1 }],
      'vms.json': Array.from({ length: 3000 }, (_, i) => ({ id: `v${i}`, vcpus: 1, memoryGB: 4 })),
    });
    const r = await run(['plan', '--hosts', 'hosts.json', '--vms', 'vms.json', '--json', '-'], dir);
    expect(r.code).toBe(1);
    const plan = JSON.parse(r.out) as { unplaced: { vm: string; reasons: { kind: string }[] }[] };
    expect(plan.unplaced).toHaveLength(3000);
    expect(plan.unplaced.filter((u) => u.reasons[0]!.kind !== 'same-as')).toHaveLength(1);
    expect(plan.unplaced[0]!.reasons).toHaveLength(2);
  });
});

describe('messages name the file', () => {
  it.each([
    ['a host platform named like a prototype member', { 'hosts.json': [{ id: 'h1', sockets: 1, coresPerSocket: 1, clockGHz: 1, memoryGB: 1, platform: 'constructor' }], 'vms.json': [{ id: 'v', vcpus: 4096, memoryGB: 1048576 }] }, ['plan', '--hosts', 'hosts.json', '--vms', 'vms.json'], /^hostplan plan: hosts\.json\[0\]\.platform: unknown platform "constructor"/],
    ['a policy percentage out of range', { 'hosts.json': [{ id: 'h1', sockets: 1, coresPerSocket: 1, clockGHz: 1, memoryGB: 1 }], 'vms.json': [{ id: 'v', vcpus: 1, memoryGB: 1 }], 'policy.json': { reserves: { cpuPercent: 150 } } }, ['plan', '--hosts', 'hosts.json', '--vms', 'vms.json', '--policy', 'policy.json'], /^hostplan plan: policy\.json\.reserves\.cpuPercent: expected a percentage/],
    ['a 1e308 GB VM', { 'hosts.json': [{ id: 'h1', sockets: 1, coresPerSocket: 1, clockGHz: 1, memoryGB: 1 }], 'vms.json': [{ id: 'v', vcpus: 1, memoryGB: 1e308 }] }, ['plan', '--hosts', 'hosts.json', '--vms', 'vms.json'], /^hostplan plan: vms\.json\[0\]\.memoryGB: expected a number of at most 1e15 GB/],
    ['"256 Gb" of memory', { 'hosts.json': [{ id: 'h1', sockets: 1, coresPerSocket: 1, clockGHz: 1, memoryGB: 1 }], 'vms.json': [{ id: 'v', vcpus: 1, memoryGB: '256 Gb' }] }, ['plan', '--hosts', 'hosts.json', '--vms', 'vms.json'], /^hostplan plan: vms\.json\[0\]\.memoryGB: "256 Gb" is in bits/],
    ['rate --placed with a VM twice', { 'hosts.json': [{ id: 'h1', sockets: 1, coresPerSocket: 4, clockGHz: 3, memoryGB: 32 }], 'vm.json': [{ id: 'new', vcpus: 1, memoryGB: 1 }], 'placed.json': [{ id: 'a', vcpus: 1, memoryGB: 1, host: 'h1' }, { id: 'a', vcpus: 1, memoryGB: 1, host: 'h1' }] }, ['rate', '--hosts', 'hosts.json', '--vm', 'vm.json', '--placed', 'placed.json'], /^hostplan rate: placed\.json: placed\[1\]\.id: duplicate VM id "a" \(first at placed\[0\]\)/],
    ['a duplicate key in a catalog', { 'catalog.json': '{"catalog": [{"host": {"id": "a", "id": "b"}}]}', 'vms.json': [{ id: 'v', vcpus: 1, memoryGB: 1 }] }, ['size', '--catalog', 'catalog.json', '--vms', 'vms.json'], /^hostplan size: catalog\.json:1:35: duplicate key "id" in \$\.catalog\[0\]\.host/],
  ])('%s: exit 2, one line naming the file', async (_name, files, args, message) => {
    const r = await run(args as string[], folder(files as Record<string, unknown>));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message as RegExp);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });
});
