// Plans data/hosts.json + data/vms.json with core, checks failover, and writes out/report/data.html.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { failoverReport, parseHosts, parseJsonText, parseVms, placeVms } from '@hostplan/core';
import { renderHtmlReport, reportFailoverFrom, reportInputFromPlan } from '../../src/index.js';

const root = new URL('../../../../', import.meta.url).pathname;
const readJson = (file: string) => parseJsonText(readFileSync(`${root}${file}`, 'utf8'), file);
const hosts = parseHosts(readJson('data/hosts.json'), 'data/hosts.json');
const vms = parseVms(readJson('data/vms.json'), 'data/vms.json');
const t0 = performance.now();
const plan = placeVms(hosts, vms);
const t1 = performance.now();
const { result, summary } = failoverReport(hosts, plan, { vms, k: 1 });
const t2 = performance.now();
const html = renderHtmlReport({ title: 'Sample farm (data/)', ...reportInputFromPlan({ plan, hosts, vms }), failover: reportFailoverFrom({ summary, result, plan, hosts, vms }) });
const out = new URL('out/report/', `file://${root}`);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('data.html', out), html);
console.log(`placeVms ${Math.round(t1 - t0)} ms, failoverReport ${Math.round(t2 - t1)} ms, report ${Buffer.byteLength(html)} bytes: ${new URL('data.html', out).pathname}`);
