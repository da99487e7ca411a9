import { HostplanError, invalid, RESOURCES, type Assumption } from '@hostplan/core';
import type { LooseVector, ReportInput, ReportReason } from './types.js';
import { checkReportSection } from './checkSchema.js';

/**
 * The one adapter between the JSON other commands write (`hostplan plan --json`, `hostplan
 * bench --json`, `hostplan size --json`) and {@link ReportInput}. Those shapes are still
 * settling, so each reader accepts the section either at the top level or under its name
 * (`{ "plan": {...} }`), checks only the fields the report draws, and throws a
 * `HostplanError` naming the file and the field (`plan.json: plan.hosts[3].used.memoryMB:
 * expected a number, got "lots"`). `"Infinity"` is read as an unlimited capacity.
 */
export interface JsonDocument {
  /** Shown in errors. */
  readonly file: string;
  readonly data: unknown;
}

type Obj = Record<string, unknown>;

class Reader {
  constructor(readonly file: string) {}
  fail(path: string, expected: string, received: unknown): never {
    invalid(`${this.file}: ${path}`, expected, received);
  }
  object(v: unknown, path: string): Obj {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(path, 'an object', v);
    return v as Obj;
  }
  array(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) this.fail(path, 'an array', v);
    return v;
  }
  string(v: unknown, path: string): string {
    if (typeof v !== 'string') this.fail(path, 'a string', v);
    return v;
  }
  number(v: unknown, path: string): number {
    if (v === 'Infinity') return Infinity;
    if (typeof v !== 'number' || Number.isNaN(v)) this.fail(path, 'a number', v);
    return v;
  }
  vector(v: unknown, path: string): LooseVector {
    const o = this.object(v, path);
    const out: Partial<Record<(typeof RESOURCES)[number], number>> = {};
    for (const r of RESOURCES) if (o[r] !== undefined && o[r] !== null) out[r] = this.number(o[r], `${path}.${r}`);
    return out;
  }
  reasons(v: unknown, path: string): ReportReason[] {
    return this.array(v ?? [], path).map((x, i) => {
      const o = this.object(x, `${path}[${i}]`);
      return { message: this.string(o.message, `${path}[${i}].message`), ...(typeof o.kind === 'string' && { kind: o.kind }), ...(typeof o.host === 'string' && { host: o.host }) };
    });
  }
  assumptions(v: unknown, path: string): Assumption[] {
    if (v === undefined) return [];
    checkReportSection('assumptions', v, this.file);
    return this.array(v, path).map((x, i) => {
      const o = this.object(x, `${path}[${i}]`);
      return { name: this.string(o.name, `${path}[${i}].name`), value: o.value, source: typeof o.source === 'string' ? o.source : 'input', isDefault: o.isDefault === true, ...(typeof o.unit === 'string' && { unit: o.unit }) };
    });
  }
  /** The section under `key`, or the document itself when it has `marker` at the top. */
  section(doc: unknown, key: string, marker: string): Obj | undefined {
    const o = this.object(doc, '(document)');
    if (o[key] !== undefined) return this.object(o[key], key);
    return o[marker] !== undefined ? o : undefined;
  }
}

/** Reads the plan document: the placement plan, and VMs, costs, price sheet and assumptions when present. */
function readPlan(doc: JsonDocument): Partial<ReportInput> {
  const r: Reader = new Reader(doc.file);
  const top = r.object(doc.data, '(document)');
  const p = r.section(doc.data, 'plan', 'placements');
  if (!p) r.fail('plan', 'a placement plan (an object with placements, unplaced and hosts, at the top or under "plan")', doc.data);
  checkReportSection('plan', p, doc.file);
  if (top.vms !== undefined) checkReportSection('vms', top.vms, doc.file);
  const placements = r.array(p.placements, 'plan.placements').map((x, i) => {
    const o = r.object(x, `plan.placements[${i}]`);
    return { vm: r.string(o.vm, `plan.placements[${i}].vm`), host: r.string(o.host, `plan.placements[${i}].host`) };
  });
  const unplaced = r.array(p.unplaced ?? [], 'plan.unplaced').map((x, i) => {
    const o = r.object(x, `plan.unplaced[${i}]`);
    return { vm: r.string(o.vm, `plan.unplaced[${i}].vm`), reasons: r.reasons(o.reasons, `plan.unplaced[${i}].reasons`) };
  });
  const hosts = r.array(p.hosts, 'plan.hosts').map((x, i) => {
    const at = `plan.hosts[${i}]`;
    const o = r.object(x, at);
    const binding = typeof o.binding === 'string' && (RESOURCES as readonly string[]).includes(o.binding) ? (o.binding as (typeof RESOURCES)[number]) : null;
    return {
      id: r.string(o.id, `${at}.id`), ...(typeof o.model === 'string' && { model: o.model }),
      used: r.vector(o.used, `${at}.used`), capacity: r.vector(o.capacity, `${at}.capacity`),
      ...(o.total !== undefined && { total: r.vector(o.total, `${at}.total`) }), ...(o.reserved !== undefined && { reserved: r.vector(o.reserved, `${at}.reserved`) }),
      binding, ...(o.vms !== undefined && { vms: r.array(o.vms, `${at}.vms`).map((v, j) => r.string(v, `${at}.vms[${j}]`)) }),
    };
  });
  const s = p.summary === undefined ? undefined : r.object(p.summary, 'plan.summary');
  const num = (v: unknown, path: string) => (v === undefined ? undefined : r.number(v, path));
  const summary = s && {
    hostsUsed: num(s.hostsUsed, 'plan.summary.hostsUsed'), lowerBound: num(s.lowerBound, 'plan.summary.lowerBound'),
    vmsPlaced: num(s.vmsPlaced, 'plan.summary.vmsPlaced'), vmsUnplaced: num(s.vmsUnplaced, 'plan.summary.vmsUnplaced'),
    binding: typeof s.binding === 'string' && (RESOURCES as readonly string[]).includes(s.binding) ? (s.binding as (typeof RESOURCES)[number]) : null,
  };
  const vms = top.vms === undefined ? undefined : r.array(top.vms, 'vms').map((x, i) => {
    const o = r.object(x, `vms[${i}]`);
    const group = o.group ?? o.antiAffinityGroup ?? o.service;
    return { id: r.string(o.id, `vms[${i}].id`), ...(typeof group === 'string' && { group }), ...(o.size !== undefined ? { size: r.vector(o.size, `vms[${i}].size`) } : o.demand !== undefined ? { size: r.vector(o.demand, `vms[${i}].demand`) } : {}) };
  });
  return {
    plan: { placements, unplaced, hosts, ...(summary && { summary }), assumptions: r.assumptions(p.assumptions, 'plan.assumptions') },
    ...(vms && { vms }),
    ...readSections(r, top, ['costs', 'priceSheet', 'failover', 'sizing']),
    assumptions: p === top ? [] : r.assumptions(top.assumptions, 'assumptions'),
    ...(typeof top.title === 'string' && { title: top.title }), ...(typeof top.generatedAt === 'string' && { generatedAt: top.generatedAt }),
  };
}

/** `hostplan plan --json`'s failover (`scenarios`, `scenariosChecked`, `scenariosNote`) as the report's runbook. */
function runbookFromPlanJson(r: Reader, o: Obj): Obj {
  const { scenarios, scenariosChecked, scenariosNote, ...rest } = o;
  const list = r.array(scenarios, 'failover.scenarios').map((x, i) => {
    const sc = r.object(x, `failover.scenarios[${i}]`);
    r.array(sc.failed, `failover.scenarios[${i}].failed`);
    r.array(sc.placements, `failover.scenarios[${i}].placements`).forEach((p, j) => { const q = r.object(p, `failover.scenarios[${i}].placements[${j}]`); r.string(q.vm, `failover.scenarios[${i}].placements[${j}].vm`); r.string(q.host, `failover.scenarios[${i}].placements[${j}].host`); });
    r.array(sc.unplaced, `failover.scenarios[${i}].unplaced`).forEach((u, j) => r.string(r.object(u, `failover.scenarios[${i}].unplaced[${j}]`).vm, `failover.scenarios[${i}].unplaced[${j}].vm`));
    return sc;
  });
  const total = scenariosChecked === undefined ? list.length : r.number(scenariosChecked, 'failover.scenariosChecked');
  return { ...rest, runbook: { total, note: typeof scenariosNote === 'string' ? scenariosNote : null, scenarios: list } };
}

/** Checks the sections the report draws from a document and returns those present. */
function readSections(r: Reader, top: Obj, keys: readonly ('costs' | 'priceSheet' | 'failover' | 'sizing' | 'measurements' | 'rightsizing' | 'growth')[]): Partial<ReportInput> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = top[k];
    if (v === undefined) continue;
    checkReportSection(k, v, r.file);
    if (k === 'priceSheet' || k === 'rightsizing') {
      r.array(v, k).forEach((x, i) => r.object(x, `${k}[${i}]`));
      if (k === 'priceSheet') (v as Obj[]).forEach((x, i) => { r.string(x.item, `priceSheet[${i}].item`); r.number(x.unitPrice, `priceSheet[${i}].unitPrice`); });
    } else {
      const o = r.object(v, k);
      if (k === 'costs') r.array(o.lines, 'costs.lines').forEach((x, i) => { const l = r.object(x, `costs.lines[${i}]`); r.string(l.category, `costs.lines[${i}].category`); r.number(l.amount, `costs.lines[${i}].amount`); });
      if (k === 'failover') {
        r.number(o.toleratedFailures, 'failover.toleratedFailures');
        if (typeof o.met !== 'boolean') r.fail('failover.met', 'true or false', o.met);
        if (o.scenarios !== undefined && o.runbook === undefined) { out[k] = runbookFromPlanJson(r, o); continue; }
      }
      if (k === 'sizing') r.number(o.hostsNeeded, 'sizing.hostsNeeded');
      if (k === 'growth') { r.number(o.capacity, 'growth.capacity'); r.array(o.history, 'growth.history'); }
    }
    out[k] = v;
  }
  return out as Partial<ReportInput>;
}

/**
 * A report input from the JSON files of other commands (any of them may be missing, not all);
 * later documents add sections, and assumptions from every document are kept.
 *
 * @example
 * reportInputFromJson({ plan: { file: 'plan.json', data: JSON.parse(text) } }).plan?.hosts.length
 */
export function reportInputFromJson(docs: { plan?: JsonDocument; failover?: JsonDocument; bench?: JsonDocument; size?: JsonDocument }): ReportInput {
  if (!docs.plan && !docs.failover && !docs.bench && !docs.size) throw new HostplanError('missing-field', '', 'a report needs at least one document: plan, failover, bench or size');
  const fromPlan = docs.plan ? readPlan(docs.plan) : {};
  const parts: Partial<ReportInput>[] = [fromPlan];
  const assumptions: Assumption[] = (fromPlan.assumptions ?? []).slice();
  const extra = (doc: JsonDocument | undefined, key: 'failover' | 'sizing' | null, marker: string, keys: Parameters<typeof readSections>[2]) => {
    if (!doc) return;
    const r: Reader = new Reader(doc.file);
    const top = r.object(doc.data, '(document)');
    if (key) {
      const s = r.section(doc.data, key, marker);
      if (!s) r.fail(key, `a ${key} result (an object with ${marker}, at the top or under "${key}")`, doc.data);
      parts.push(readSections(r, { [key]: s }, [key]));
    }
    parts.push(readSections(r, top, keys.filter((k) => k !== key || top[key] !== undefined)));
    for (const a of r.assumptions(top.assumptions ?? (key ? (top[key] as Obj | undefined)?.assumptions : undefined), 'assumptions')) assumptions.push(a);
  };
  extra(docs.failover, 'failover', 'toleratedFailures', []);
  extra(docs.size, 'sizing', 'hostsNeeded', ['costs', 'priceSheet']);
  if (docs.bench) {
    const r: Reader = new Reader(docs.bench.file);
    const top = r.object(docs.bench.data, '(document)');
    const m = top.measurements ?? (['summaries', 'timeSeries', 'heatmaps', 'distributions', 'peakCoincidence', 'alerts'].some((k) => top[k] !== undefined) ? top : undefined);
    if (m === undefined && top.rightsizing === undefined && top.growth === undefined) r.fail('measurements', 'measurements (summaries, timeSeries, heatmaps, distributions, peakCoincidence or alerts), rightsizing or growth', top);
    if (m !== undefined) {
      const mo = r.object(m, 'measurements');
      checkReportSection('measurements', mo, r.file);
      for (const k of ['summaries', 'timeSeries', 'heatmaps', 'distributions', 'peakCoincidence', 'alerts']) if (mo[k] !== undefined) r.array(mo[k], `measurements.${k}`);
      parts.push({ measurements: mo as ReportInput['measurements'] & object });
    }
    parts.push(readSections(r, top, ['rightsizing', 'growth']));
    for (const a of r.assumptions(top.assumptions, 'assumptions')) assumptions.push(a);
  }
  return Object.assign({}, ...parts, { assumptions }) as ReportInput;
}
