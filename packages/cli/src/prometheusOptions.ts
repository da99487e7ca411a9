import { HostplanError } from '@hostplan/core';
import { loadPromMapping, PROM_PRESETS, type PrometheusBenchOptions, type PromPresetName, type PromQuerySpec } from '@hostplan/bench';

/** The `hostplan bench --prometheus ...` options as `parseArgs` gives them (strings and lists). */
export interface PrometheusCliValues {
  readonly prometheus?: string;
  readonly query?: readonly string[];
  readonly preset?: string;
  /** A mapping file (JSON) of named queries. */
  readonly 'prom-map'?: string;
  readonly from?: string;
  readonly to?: string;
  readonly step?: string;
  readonly pushdown?: boolean;
  /** `Name: value` request headers; a value `env:VAR` is read from the environment. */
  readonly header?: readonly string[];
  /** Requests per run (a whole number). */
  readonly 'max-requests'?: string;
  /** Bytes per answer, in MiB. */
  readonly 'max-response-mb'?: string;
}

/** Environment variable holding the bearer token (never a command-line argument: those show in process lists). */
export const PROMETHEUS_TOKEN_ENV = 'HOSTPLAN_PROMETHEUS_TOKEN';

/**
 * Turns the command line's Prometheus options into {@link PrometheusBenchOptions}: `--query`
 * (repeatable), `--preset`, `--prom-map` (queries may combine), `--from`/`--to`/`--step`
 * (required), `--pushdown`, `--header 'Name: value'` (value `env:VAR` reads the environment),
 * and the bearer token from `HOSTPLAN_PROMETHEUS_TOKEN`. Throws {@link HostplanError} naming the option.
 *
 * @example
 * await prometheusBenchOptions({ prometheus: 'http://prom:9090', preset: 'node', from: 'now-7d', to: 'now', step: '1m' }, { cwd: '.', env: {} })
 * // => { endpoint: { url: 'http://prom:9090' }, preset: 'node', queries: [], from: 'now-7d', to: 'now', step: '1m', pushdown: false }
 */
export async function prometheusBenchOptions(values: PrometheusCliValues, context: { cwd: string; env: Readonly<Record<string, string | undefined>> }): Promise<PrometheusBenchOptions> {
  const url = values.prometheus;
  if (!url || !/^https?:\/\//i.test(url)) throw new HostplanError('invalid-value', '--prometheus', 'expected an http:// or https:// URL of a Prometheus-compatible API', 'a URL', url ? '(not an http URL)' : undefined);
  for (const k of ['from', 'to', 'step'] as const) {
    if (!values[k]) throw new HostplanError('missing-field', `--${k}`, `--prometheus needs --from, --to and --step (e.g. --from now-7d --to now --step 1m)`, `--${k}`, undefined);
  }
  if (values.preset !== undefined && !(values.preset in PROM_PRESETS)) {
    throw new HostplanError('invalid-value', '--preset', `expected one of ${Object.keys(PROM_PRESETS).join(', ')}, got ${JSON.stringify(values.preset)}`, Object.keys(PROM_PRESETS).join(', '), values.preset);
  }
  const queries: (string | PromQuerySpec)[] = [...(values.query ?? [])];
  if (values['prom-map']) queries.push(...(await loadPromMapping(values['prom-map'], context.cwd)));
  if (queries.length === 0 && values.preset === undefined) throw new HostplanError('missing-field', '--query', 'give --query EXPR (repeatable), --preset node|hyperv|libvirt or --prom-map FILE', '--query', undefined);
  const headers: Record<string, string> = {};
  for (const [i, h] of (values.header ?? []).entries()) {
    const m = /^([A-Za-z0-9-]+)\s*:\s*(.*)$/.exec(h);
    // the received value is never echoed: it may be a secret
    if (!m) throw new HostplanError('invalid-value', `--header[${i}]`, "expected 'Name: value'", 'Name: value', '(hidden)');
    const value = m[2]!.startsWith('env:') ? context.env[m[2]!.slice(4)] : m[2]!;
    if (value === undefined || value === '') throw new HostplanError('missing-field', `--header[${i}]`, `${m[1]}: environment variable ${m[2]!.slice(4)} is not set`, 'a set variable', undefined);
    headers[m[1]!] = value;
  }
  const token = context.env[PROMETHEUS_TOKEN_ENV];
  const maxRequests = wholeOption(values['max-requests'], '--max-requests');
  const maxResponseMB = wholeOption(values['max-response-mb'], '--max-response-mb');
  return {
    endpoint: {
      url,
      ...(token && { bearerToken: token }),
      ...(Object.keys(headers).length > 0 && { headers }),
      ...(maxResponseMB !== undefined && { maxResponseBytes: maxResponseMB * 1024 * 1024 }),
    },
    ...(maxRequests !== undefined && { maxRequests }),
    ...(values.preset !== undefined && { preset: values.preset as PromPresetName }),
    queries,
    from: values.from!,
    to: values.to!,
    step: values.step!,
    pushdown: values.pushdown ?? false,
  };
}

function wholeOption(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1) throw new HostplanError('invalid-value', option, `expected a whole number >= 1, got ${JSON.stringify(text)}`, 'a whole number >= 1', text);
  return n;
}
