import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The suites that need the outside world say in one line what they lack, before any test runs.
const SCRIPT = fileURLToPath(new URL('../../scripts/test-suite.mjs', import.meta.url));

function suite(name: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, [SCRIPT, name], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return { code: r.status, lines: r.stderr.trim().split('\n'), out: r.stdout };
}

describe('npm run test:conformance / test:integration without what they need', () => {
  it('conformance with a missing data folder exits 1 with one line naming the folder and HOSTPLAN_DATA', () => {
    const r = suite('conformance', { HOSTPLAN_DATA: '/nonexistent/hostplan-data' });
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(/^test:conformance needs the public data sets in \/nonexistent\/hostplan-data \(missing: perfmon, sysstat, bitbrains, vbp\/ct01\/CT01\); set HOSTPLAN_DATA/);
    expect(r.out).toBe('');
  });

  it('integration without prometheus on PATH exits 1 with one line naming the Debian package', () => {
    const r = suite('integration', { PATH: '/nonexistent-bin' });
    expect(r.code).toBe(1);
    expect(r.lines).toEqual(['test:integration needs prometheus and promtool on PATH: install the Debian package "prometheus" (apt-get install prometheus; .ci/run does this)']);
  });

  it('an unknown suite name exits 1 naming the two suites', () => {
    const r = suite('nonsense', {});
    expect(r.code).toBe(1);
    expect(r.lines).toEqual(["unknown suite 'nonsense': expected conformance or integration"]);
  });
});
