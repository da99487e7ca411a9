import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGolden, normaliseMarkup } from './helpers/golden.js';

describe('golden files', () => {
  // These cases check the compare path, which UPDATE_GOLDEN=1 would bypass.
  const saved = process.env.UPDATE_GOLDEN;
  beforeAll(() => { delete process.env.UPDATE_GOLDEN; });
  afterAll(() => { if (saved !== undefined) process.env.UPDATE_GOLDEN = saved; });

  it('normaliseMarkup(svg) renumbers ids in order of first use and rounds long decimals', () => {
    expect(normaliseMarkup('<a id="clip-7"/><b href="url(#clip-7)" x="1.23456"/><c id="clip-3"/>'))
      .toBe('<a id="clip-1"/>\n<b href="url(#clip-1)" x="1.23"/>\n<c id="clip-2"/>');
  });

  it('expectGolden(name, markup) writes <name>-changed.svg next to the golden on a mismatch', () => {
    const folder = pathToFileURL(mkdtempSync(join(tmpdir(), 'golden-')) + '/');
    writeFileSync(new URL('chart.svg', folder), '<svg>\n<rect/>\n</svg>\n');
    expect(() => expectGolden('chart.svg', '<svg><circle/></svg>', folder)).toThrow(/differs from its golden/);
    expect(readFileSync(new URL('chart-changed.svg', folder), 'utf8')).toBe('<svg>\n<circle/>\n</svg>\n');
    expectGolden('chart.svg', '<svg><rect/></svg>', folder);
    expect(existsSync(new URL('chart-changed.svg', folder))).toBe(false);
  });

  it('expectGolden(name, markup) fails on a missing golden and leaves the candidate for review', () => {
    const folder = pathToFileURL(mkdtempSync(join(tmpdir(), 'golden-')) + '/');
    expect(() => expectGolden('new.svg', '<svg/>', folder)).toThrow(/missing/);
    expect(existsSync(new URL('new-changed.svg', folder))).toBe(true);
  });
});
