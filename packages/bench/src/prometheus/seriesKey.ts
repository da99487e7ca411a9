import type { SeriesKey } from '../series/types.js';

/** Label names that name the machine a series was measured on, in order of preference. */
export const PROM_HOST_LABELS = ['instance', 'host', 'hostname', 'node'] as const;
/** Label names that name the instance (VM, device, core) within the machine. */
export const PROM_INSTANCE_LABELS = ['vm', 'domain', 'device', 'target_device', 'adapter', 'core', 'cpu', 'interface'] as const;

/**
 * A series written as PromQL would, under the query's name, labels sorted, `__name__` left out.
 *
 * @example
 * promLabelsText('vm-cpu', { vm: 'web1', instance: 'hv1' }) // => 'vm-cpu{instance="hv1",vm="web1"}'
 */
export function promLabelsText(name: string, labels: Readonly<Record<string, string>>): string {
  const inner = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',');
  return `${name}{${inner}}`;
}

/**
 * The {@link SeriesKey} of a Prometheus series: host from `instance` without its port (or
 * `host`, `hostname`, `node`), instance from `vm` (or `domain`, `device`, ...), `object` the resource or metric
 * family, `counter` the query's name, and the whole label set in `labels`.
 *
 * @example
 * promSeriesKey({ instance: 'hv1:9182', vm: 'web1' }, 'cpu', 'vm-cpu').instance // => 'web1'
 */
export function promSeriesKey(labels: Readonly<Record<string, string>>, object: string, counter: string): SeriesKey {
  // `instance` is host:port for exporters: the port goes, so that hosts match inventories
  const host = (PROM_HOST_LABELS.map((k) => labels[k]).find((v) => v !== undefined) ?? '').replace(/:\d+$/, '');
  const instance = PROM_INSTANCE_LABELS.map((k) => labels[k]).find((v) => v !== undefined) ?? null;
  return { host, object, instance, counter, path: promLabelsText(counter, labels), labels: promLabelsWithoutName(labels) };
}

/**
 * The label set without `__name__`: push-down results lose the metric name (every
 * `*_over_time` function drops it), so both modes key series by the other labels.
 *
 * @example
 * promLabelsWithoutName({ __name__: 'up', job: 'node' }) // => { job: 'node' }
 */
export function promLabelsWithoutName(labels: Readonly<Record<string, string>>): Record<string, string> {
  const { __name__: _name, ...rest } = labels;
  return rest;
}

/**
 * A stable identity of a label set, for matching a series across chunks.
 *
 * @example
 * promLabelsId({ b: '2', a: '1' }) === promLabelsId({ a: '1', b: '2' }) // => true
 */
export function promLabelsId(labels: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));
}

/**
 * Checks a series' `metric` as a server sent it: an object whose values are strings. Returns
 * the labels (own properties only, secrets replaced by `redact`) or, for any other shape
 * (`null`, an array, a number as a label value), a sentence saying what is wrong, so that a
 * hostile or broken answer gives a clear error instead of a TypeError.
 *
 * @example
 * promLabelsFrom({ instance: 'h1' }, (s) => s) // => { instance: 'h1' }
 * promLabelsFrom({ cpu: 3 }, (s) => s)         // => 'label "cpu" is a number (3), expected a string'
 */
export function promLabelsFrom(metric: unknown, redact: (text: string) => string): Record<string, string> | string {
  if (metric === null || typeof metric !== 'object' || Array.isArray(metric)) {
    return `a series' metric is ${metric === null ? 'null' : Array.isArray(metric) ? 'an array' : typeof metric}, expected an object of string labels`;
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(metric)) {
    if (typeof v !== 'string') {
      const shown = typeof v === 'number' || typeof v === 'boolean' ? ` (${String(v)})` : '';
      const kind = v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
      return `label ${JSON.stringify(redact(k).slice(0, 60))} is ${kind}${shown}, expected a string`;
    }
    // defineProperty: a label named __proto__ stays a label
    Object.defineProperty(out, redact(k), { value: redact(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
