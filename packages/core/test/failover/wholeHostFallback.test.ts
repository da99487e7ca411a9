import { describe, expect, it } from 'vitest';
import { bestFitReplace, resolvePolicy, wholeHostFallback, type Replacer } from '@hostplan/core';
import { farm, host, many } from './fixtures.js';

const policy = resolvePolicy({});

describe('wholeHostFallback(engine)', () => {
  // h1 (failed) ran a1..a3; h2 is busy, h3 empty
  const f = farm({ h1: many('a', 3, 2), h2: many('b', 14, 2) }, [host('h3')]);
  const hosts = f.hosts.map((h) => (h.id === 'h1' ? { ...h, unavailable: true } : h));
  const pinned = f.plan.placements.filter((p) => p.host === 'h2');
  const from = f.plan.placements.filter((p) => p.host === 'h1');
  const request = { hosts, vms: f.vms, pinned, displaced: ['a1', 'a2', 'a3'], from, policy };

  it('moves a failed host whole onto one survivor when the engine strands VMs', () => {
    // an engine that strands everything when asked to re-place several VMs across the farm at once
    const clumsy: Replacer = (req) => (req.displaced.length > 1 && req.hosts.filter((h) => !h.unavailable).length > 1
      ? { placements: [], unplaced: req.displaced.map((vm) => ({ vm, reasons: [] })) }
      : bestFitReplace(req));
    expect(clumsy(request).unplaced).toHaveLength(3);
    const r = wholeHostFallback(clumsy)(request);
    // h2 has 32,256 - 14 x 2,088 = 3,024 MB free: only h3 takes the block of 3 x 2,088 MB
    expect(r.unplaced).toEqual([]);
    expect(r.placements.map((p) => p.host)).toEqual(['h3', 'h3', 'h3']);
  });

  it('keeps the engine answer when it places everything, or when the origin is unknown', () => {
    const spy: Replacer = (req) => bestFitReplace(req);
    expect(wholeHostFallback(spy)(request)).toEqual(bestFitReplace(request));
    const failing: Replacer = (req) => ({ placements: [], unplaced: req.displaced.map((vm) => ({ vm, reasons: [] })) });
    const { from: _from, ...noOrigin } = request;
    expect(wholeHostFallback(failing)(noOrigin).unplaced).toHaveLength(3);
  });
});
