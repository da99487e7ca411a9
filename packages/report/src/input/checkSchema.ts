import { HostplanError, describeReceivedValue as show } from '@hostplan/core';
import { REPORT_SCHEMA } from './reportSchema.js';

type Schema = Readonly<Record<string, unknown>>;

/** One problem: where, and what the schema expected there. */
interface Problem {
  readonly path: string;
  readonly expected: string;
  readonly received: unknown;
}

const TYPE_WORDS: Readonly<Record<string, string>> = { array: 'an array', object: 'an object', boolean: 'true or false', null: 'null', number: 'a finite number' };
const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const DEFS = REPORT_SCHEMA.$defs as unknown as Readonly<Record<string, Schema>>;

/** What a schema node accepts, in words (for messages). */
function describe(schema: Schema): string {
  if (typeof schema.$ref === 'string') return describe(DEFS[schema.$ref.slice('#/$defs/'.length)] ?? {});
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.length === 1 ? JSON.stringify(schema.enum[0]) : `one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`;
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Schema[]).map(describe).join(' or ');
  if (typeof schema.type === 'string') return TYPE_WORDS[schema.type] ?? `a ${schema.type}`;
  return 'any value';
}

/**
 * The first place where `value` breaks `schema` (the keywords the report schema uses: type,
 * const, enum, pattern, properties, required, additionalProperties false, items, anyOf, $ref),
 * or null. Iterative over arrays, recursive over the schema's fixed depth. O(size of value).
 */
function firstProblem(schema: Schema, v: unknown, path: string): Problem | null {
  if (typeof schema.$ref === 'string') {
    const target = DEFS[schema.$ref.slice('#/$defs/'.length)];
    if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
    return firstProblem(target, v, path);
  }
  const bad = (): Problem => ({ path, expected: describe(schema), received: v });
  if (typeof schema.type === 'string') {
    const t = typeOf(v);
    if (t !== schema.type || (t === 'number' && !Number.isFinite(v))) return bad();
  }
  if ('const' in schema && v !== schema.const) return bad();
  if (Array.isArray(schema.enum) && !schema.enum.includes(v as never)) return bad();
  if (typeof schema.pattern === 'string' && (typeof v !== 'string' || !new RegExp(schema.pattern, 'u').test(v))) return bad();
  if (Array.isArray(schema.anyOf) && !(schema.anyOf as Schema[]).some((s) => firstProblem(s, v, path) === null)) return bad();
  if (typeOf(v) === 'object') {
    const o = v as Readonly<Record<string, unknown>>;
    const props = (schema.properties ?? {}) as Readonly<Record<string, Schema>>;
    for (const r of (schema.required as readonly string[] | undefined) ?? []) {
      if (!Object.hasOwn(o, r)) return { path: `${path}.${r}`, expected: describe(props[r] ?? {}), received: undefined };
    }
    for (const k of Object.keys(o)) {
      if (Object.hasOwn(props, k)) {
        const p = firstProblem(props[k]!, o[k], `${path}.${k}`);
        if (p) return p;
      } else if (schema.additionalProperties === false) return { path: `${path}.${k}`, expected: `no such field (expected one of ${Object.keys(props).join(', ')})`, received: o[k] };
    }
  }
  if (Array.isArray(v) && schema.items) {
    for (let i = 0; i < v.length; i++) {
      const p = firstProblem(schema.items as Schema, v[i], `${path}[${i}]`);
      if (p) return p;
    }
  }
  return null;
}

/** The sections of the report schema a document may carry. */
export type ReportSectionName = 'plan' | 'vms' | 'failover' | 'sizing' | 'costs' | 'priceSheet' | 'measurements' | 'rightsizing' | 'growth' | 'assumptions';

/**
 * Checks one section of a report document against the report's versioned JSON Schema
 * (`schema/report.schema.json`): report JSON is an exchange format, so every string is checked
 * to be a string (never markup objects such as `{ "text", "html": true }`), every number
 * finite, every enumerated name known. Throws {@link HostplanError} `invalid-value` naming
 * `file: section.path` and what was expected. O(size of the section).
 *
 * @example
 * checkReportSection('costs', { lines: [{ category: 'power', amount: 1, note: { text: '<b>', html: true } }] }, 'size.json')
 * // throws HostplanError: size.json: costs.lines[0].note: expected a string, got an object
 */
export function checkReportSection(section: ReportSectionName, value: unknown, file: string): void {
  const schema = (REPORT_SCHEMA.properties as unknown as Readonly<Record<string, Schema>>)[section]!;
  const p = firstProblem(schema, value, section);
  if (p) throw new HostplanError('invalid-value', `${file}: ${p.path}`, `expected ${p.expected}, got ${show(p.received)}`, p.expected, p.received);
}
