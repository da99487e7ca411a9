/**
 * A small JSON Schema (2020-12) checker for the keywords our schema uses: type, const, enum,
 * pattern, properties, required, additionalProperties (false), items, anyOf, $ref to #/$defs.
 * Returns the problems found, each with its path. (No validator library is installed.)
 */
type Schema = Record<string, unknown>;

export function validateJsonSchema(root: Schema, value: unknown): string[] {
  const problems: string[] = [];
  const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
  const check = (schema: Schema, v: unknown, path: string): void => {
    const known = new Set(['$schema', '$id', 'title', 'description', 'type', 'const', 'enum', 'pattern', 'properties', 'required', 'additionalProperties', 'items', 'anyOf', '$ref', '$defs']);
    for (const k of Object.keys(schema)) if (!known.has(k)) throw new Error(`schema keyword ${k} is not supported by this checker (at ${path})`);
    if (typeof schema.$ref === 'string') {
      const name = /^#\/\$defs\/(.+)$/.exec(schema.$ref)?.[1];
      const target = name && (root.$defs as Record<string, Schema>)[name];
      if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
      check(target, v, path);
    }
    if (schema.type !== undefined) {
      const t = typeOf(v);
      const want = schema.type as string;
      if (!(t === want || (want === 'number' && t === 'integer'))) problems.push(`${path}: expected ${want}, got ${t}`);
    }
    if ('const' in schema && v !== schema.const) problems.push(`${path}: expected ${JSON.stringify(schema.const)}`);
    if (schema.enum && !(schema.enum as unknown[]).includes(v)) problems.push(`${path}: ${JSON.stringify(v)} not in enum`);
    if (typeof schema.pattern === 'string' && typeof v === 'string' && !new RegExp(schema.pattern, 'u').test(v)) problems.push(`${path}: does not match ${schema.pattern}`);
    if (schema.anyOf) {
      const ok = (schema.anyOf as Schema[]).some((s) => { const before = problems.length; check(s, v, path); const good = problems.length === before; problems.length = before; return good; });
      if (!ok) problems.push(`${path}: matches none of anyOf`);
    }
    if (typeOf(v) === 'object') {
      const o = v as Record<string, unknown>;
      for (const r of (schema.required as string[] | undefined) ?? []) if (!(r in o)) problems.push(`${path}: missing ${r}`);
      const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
      for (const [k, val] of Object.entries(o)) {
        if (props[k]) check(props[k], val, `${path}.${k}`);
        else if (schema.additionalProperties === false) problems.push(`${path}: unexpected property ${k}`);
      }
    }
    if (Array.isArray(v) && schema.items) v.forEach((x, i) => check(schema.items as Schema, x, `${path}[${i}]`));
  };
  check(root, value, '$');
  return problems;
}
