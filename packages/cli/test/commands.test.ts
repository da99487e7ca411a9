import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/commands/index.js';
import { run } from './support/run.js';

describe('the command list (each command loaded only when it runs)', () => {
  it('names each entry as its command names itself, once', async () => {
    const loaded = await Promise.all(COMMANDS.map((c) => c.load()));
    expect(loaded.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
  });

  it('hostplan --help lists every command with its summary, in order', async () => {
    const r = await run(['--help']);
    const loaded = await Promise.all(COMMANDS.map((c) => c.load()));
    const lines = r.out.split('\n').filter((l) => /^ {2}\S/.test(l));
    expect(lines.map((l) => l.trim().split(/\s+/)[0])).toEqual(COMMANDS.map((c) => c.name));
    for (const c of loaded) expect(r.out).toContain(c.summary);
    expect(r.code).toBe(0);
  });

  it('an unknown command exits 2 naming it, with the way to the list', async () => {
    const r = await run(['nosuch']);
    expect([r.code, r.err]).toEqual([2, 'hostplan: unknown command "nosuch"; run \'hostplan --help\' for the list\n']);
  });
});
