import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import * as core from '@hostplan/core';
import { launchChromium } from '../../../report/test/helpers/browser.js';

const ENTRY = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

/** The worked examples of the capacity, placement and failover tests, as plain data. */
const host = (id: string) => ({ id, sockets: 2, coresPerSocket: 4, threadsPerCore: 1, clockGHz: 3, memoryGB: 32 });
const vm = (id: string, vcpus: number, memoryGB: number) => ({ id, vcpus, memoryGB });
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const EXAMPLE = {
  host: host('h2008'),
  vm: vm('v', 1, 2),
  placeHosts: [host('a'), host('b')],
  placeVms: ids('v', 4).map((id) => vm(id, 1, 4)),
  failoverHosts: [host('h1'), host('h2'), host('h3')],
  failoverPlacements: ['h1', 'h2', 'h3'].flatMap((h) => ids(`${h}-`, 10).map((id) => ({ vm: id, host: h }))),
};

/** Runs the three entry points on the example with the given core (Node's or the page's). */
function runExample(hostplan: typeof core, example: typeof EXAMPLE) {
  const perHost = hostplan.vmsPerHost(example.host, example.vm);
  const placement = hostplan.placeVms(example.placeHosts, example.placeVms, { goal: 'consolidate' });
  const failoverVms = example.failoverPlacements.map((p) => ({ id: p.vm, vcpus: 1, memoryGB: 2 }));
  const failover = hostplan.checkFailover(example.failoverHosts, { placements: example.failoverPlacements }, { vms: failoverVms, k: 1 });
  return {
    perHost: { count: perHost.count, binding: perHost.binding },
    placement: { hostsUsed: placement.summary.hostsUsed, placements: placement.placements, used: placement.hosts.map((h) => h.used) },
    failover: { tolerates: failover.tolerates, failed: failover.scenarios.map((s) => s.failed), peak: failover.worst?.peakUtilization },
  };
}

describe('@hostplan/core bundled for the browser', () => {
  let browser: BrowserContext;
  let bundle: string;

  beforeAll(async () => {
    const out = await build({ entryPoints: [ENTRY], bundle: true, platform: 'browser', format: 'iife', globalName: 'hostplan', write: false, logLevel: 'silent' });
    bundle = out.outputFiles[0]!.text;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('bundles with esbuild for platform browser, with no Node built-in left to resolve', () => {
    expect(bundle).not.toMatch(/require\(["']node:|from ["']node:/);
    expect(bundle).toContain('vmsPerHost');
  });

  it('runs vmsPerHost, placeVms and checkFailover on the worked example in Chromium as in Node', async () => {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>core</title>');
    await page.addScriptTag({ content: bundle });
    const inBrowser = await page.evaluate(
      ([source, example]) => new Function('hostplan', 'example', `return (${source})(hostplan, example);`)((globalThis as unknown as { hostplan: unknown }).hostplan, example),
      [runExample.toString(), EXAMPLE] as const,
    );
    const inNode = runExample(core, EXAMPLE);
    expect(inBrowser).toEqual(inNode);
    // the tests' worked figures: 15 VMs of 2 GB per host (memory), four 4 GB VMs on one host,
    // any one of three hosts of ten 2 GB VMs may fail
    expect(inNode.perHost).toEqual({ count: 15, binding: 'memoryMB' });
    expect(inNode.placement.hostsUsed).toBe(1);
    expect(inNode.failover.tolerates).toBe(true);
    expect(inNode.failover.failed).toEqual([['h1'], ['h2'], ['h3']]);
    await page.close();
  });
});
