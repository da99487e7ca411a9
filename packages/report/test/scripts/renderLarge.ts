// Writes the synthetic 10,000-host / 100,000-VM report to out/report/large.html.
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderHtmlReport } from '../../src/index.js';
import { syntheticReportInput } from '../fixtures/synthetic.js';

const out = new URL('../../../../out/report/', import.meta.url);
mkdirSync(out, { recursive: true });
const html = renderHtmlReport(syntheticReportInput({ hosts: 10_000, vms: 100_000 }));
writeFileSync(new URL('large.html', out), html);
console.log(`${new URL('large.html', out).pathname} ${Buffer.byteLength(html)} bytes`);
