import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA_ID, REPORT_SCHEMA_VERSION, reportInputFromJson, reportJson, reportJsonText } from '../src/index.js';
import { sampleReportInput } from './fixtures/sample.js';
import { validateJsonSchema } from './helpers/jsonSchema.js';

const schema = JSON.parse(readFileSync(new URL('../schema/report.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('JSON export', () => {
  it('reportJsonText(sample) follows schema/report.schema.json', () => {
    const doc = JSON.parse(reportJsonText(sampleReportInput()));
    expect(doc.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(doc.$schema).toBe(REPORT_SCHEMA_ID);
    expect(schema.$id).toBe(REPORT_SCHEMA_ID);
    expect(validateJsonSchema(schema, doc)).toEqual([]);
  });

  it('the schema checker catches a wrong field (so the test above can fail)', () => {
    const doc = JSON.parse(reportJsonText(sampleReportInput()));
    doc.plan.hosts[0].used.memoryMB = 'lots';
    doc.surprise = 1;
    delete doc.kind;
    expect(validateJsonSchema(schema, doc)).toEqual(['$: missing kind', '$.plan.hosts[0].used.memoryMB: matches none of anyOf', '$: unexpected property surprise']);
  });

  it('writes Infinity (an unlimited capacity) as "Infinity" and reads it back', () => {
    const input = { plan: { placements: [], unplaced: [], hosts: [{ id: 'h', used: { vcpus: 4 }, capacity: { vcpus: Infinity } }] } };
    const text = reportJsonText(input);
    expect(text).toContain('"vcpus": "Infinity"');
    expect(validateJsonSchema(schema, JSON.parse(text))).toEqual([]);
    expect(reportInputFromJson({ plan: { file: 'r.json', data: JSON.parse(text) } }).plan!.hosts[0]!.capacity.vcpus).toBe(Infinity);
  });

  it('merges the plan\'s assumptions with the input\'s, one per name, the input winning', () => {
    const a = (name: string, value: number, isDefault: boolean) => ({ name, value, source: 's', isDefault });
    const doc = reportJson({ plan: { placements: [], unplaced: [], hosts: [], assumptions: [a('x', 1, true), a('y', 2, true)] }, assumptions: [a('x', 5, false)] });
    expect(doc.assumptions).toEqual([a('x', 5, false), a('y', 2, true)]);
  });

  it('round trip: the JSON export read back as a plan document keeps plan, VMs, failover, sizing, costs and price sheet', () => {
    const input = sampleReportInput();
    const back = reportInputFromJson({ plan: { file: 'report.json', data: JSON.parse(reportJsonText(input)) } });
    expect(back.plan!.placements).toEqual(input.plan!.placements);
    expect(back.plan!.unplaced).toEqual(input.plan!.unplaced);
    expect(back.plan!.hosts.map((h) => h.id)).toEqual(input.plan!.hosts.map((h) => h.id));
    expect(back.vms).toEqual(input.vms);
    for (const k of ['failover', 'sizing', 'costs', 'priceSheet', 'title', 'generatedAt'] as const) expect(back[k]).toEqual(input[k]);
  });
});
