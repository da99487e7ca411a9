// Writes the sample report to out/report/sample.html (used while designing the report).
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderHtmlReport } from '../../src/index.js';
import { sampleReportInput } from '../fixtures/sample.js';

const out = new URL('../../../../out/report/', import.meta.url);
mkdirSync(out, { recursive: true });
const html = renderHtmlReport(sampleReportInput());
writeFileSync(new URL('sample.html', out), html);
console.log(`${new URL('sample.html', out).pathname} ${html.length} bytes`);
