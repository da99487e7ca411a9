import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeText } from '../src/output.js';
import { run } from './support/run.js';

const dir = () => mkdtempSync(join(tmpdir(), 'hostplan-out-'));
const io = (cwd: string, argv: string[] = []) => ({ stdout: { write: () => true }, stderr: { write: () => true }, cwd, isTTY: false, argv });

afterEach(() => {
  vi.doUnmock('node:fs');
  vi.resetModules();
});

describe('writeText(target, text, io)', () => {
  it('concurrent writes of one file leave exactly one of the texts, never a mix, and no temporary file', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.string({ minLength: 1, maxLength: 2000 }), { minLength: 2, maxLength: 6 }), async (texts) => {
      const d = dir();
      await Promise.all(texts.map((t) => writeText('out/r.html', t, io(d))));
      expect(texts).toContain(readFileSync(join(d, 'out/r.html'), 'utf8'));
      expect(readdirSync(join(d, 'out'))).toEqual(['r.html']);
    }), { numRuns: 20 });
  });

  it('names the path when the target is a folder (EISDIR) and keeps no temporary file', async () => {
    const d = dir();
    mkdirSync(join(d, 'out.html'));
    await expect(writeText('out.html', 'x', io(d))).rejects.toThrow(`cannot write ${join(d, 'out.html')}: is a folder (EISDIR)`);
    expect(readdirSync(d)).toEqual(['out.html']);
  });

  it.each([
    ['ENOSPC', 'no space left on the device'], ['EACCES', 'permission denied'], ['EIO', 'input/output error'], ['EROFS', 'read-only file system'],
  ])('names the path on %s (%s) and leaves the old file as it was', async (code, meaning) => {
    vi.doMock('node:fs', async (orig) => ({
      ...(await orig<typeof import('node:fs')>()),
      writeFileSync: (path: string) => { throw Object.assign(new Error(`${code}: failed, open '${path}'`), { code, syscall: 'open', path }); },
    }));
    const { writeText: write } = await import('../src/output.js');
    const d = dir();
    writeFileSync(join(d, 'r.html'), 'old');
    await expect(write('r.html', 'new', io(d))).rejects.toThrow(`cannot write ${join(d, 'r.html')}: ${meaning} (${code})`);
    expect(readFileSync(join(d, 'r.html'), 'utf8')).toBe('old');
    expect(readdirSync(d)).toEqual(['r.html']);
  });

  it('refuses an output that is also an input, however it is spelled', async () => {
    const d = dir();
    writeFileSync(join(d, 'plan.json'), '{}');
    await expect(writeText('./plan.json', 'x', io(d, ['--plan', 'plan.json', '--json', './plan.json']))).rejects.toThrow('./plan.json: the output is also an input; refusing to overwrite it');
    expect(readFileSync(join(d, 'plan.json'), 'utf8')).toBe('{}');
  });
});

describe('hostplan with unwritable or clashing outputs', () => {
  it('report --plan plan.json --json plan.json exits 2 and leaves plan.json as it was', async () => {
    const d = dir();
    const plan = JSON.stringify({ placements: [], unplaced: [], hosts: [] });
    writeFileSync(join(d, 'plan.json'), plan);
    const r = await run(['report', '--plan', 'plan.json', '--json', 'plan.json'], d);
    expect(r.code).toBe(2);
    expect(r.err).toBe('hostplan report: plan.json: the output is also an input; refusing to overwrite it (choose another output file)\n');
    expect(readFileSync(join(d, 'plan.json'), 'utf8')).toBe(plan);
  });

  it('an output path that is a folder exits 2 with one line naming it', async () => {
    const d = dir();
    writeFileSync(join(d, 'plan.json'), JSON.stringify({ placements: [], unplaced: [], hosts: [] }));
    mkdirSync(join(d, 'r.html'));
    const r = await run(['report', '--plan', 'plan.json', '--html', 'r.html'], d);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`hostplan report: cannot write ${join(d, 'r.html')}: is a folder (EISDIR)\n`);
  });
});
