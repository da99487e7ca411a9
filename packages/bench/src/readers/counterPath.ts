import type { SeriesKey } from '../series/types.js';

/** Perfmon objects whose instances are written `Parent/Instance`. */
const PARENTED_OBJECTS: ReadonlySet<string> = new Set(['Thread', 'Job Object Details', 'Поток', 'Subproceso']);

/**
 * Splits a perfmon counter path `\\HOST\Object(Parent/Instance#Index)\Counter` into a
 * {@link SeriesKey}. The object ends at the first `(` and the counter starts after the last
 * `)\`, so instance names may hold commas, colons, dots, braces, slashes and parentheses
 * (`isatap.{E4048626-...}`, `VM1:Hv VP 0`, `C:`). `Parent/Instance` is split for
 * Thread-like objects or a numeric child only. Without an instance (`\Memory\Available
 * MBytes`) the object ends at the next `\`. The host prefix is optional (relog can drop it).
 * Names are kept exactly as written, localised or not.
 *
 * @example
 * parseCounterPath('\\\\HV01\\Hyper-V Hypervisor Virtual Processor(VM1:Hv VP 0)\\% Guest Run Time')
 * // => { host: 'HV01', object: 'Hyper-V Hypervisor Virtual Processor', instance: 'VM1:Hv VP 0',
 * //      counter: '% Guest Run Time', path: '\\\\HV01\\...' }
 */
export function parseCounterPath(path: string): SeriesKey {
  let rest = path;
  let host = '';
  if (rest.startsWith('\\\\')) {
    const slash = rest.indexOf('\\', 2);
    if (slash < 0) return { host: rest.slice(2), object: '', instance: null, counter: '', path };
    host = rest.slice(2, slash);
    rest = rest.slice(slash + 1);
  } else if (rest.startsWith('\\')) {
    rest = rest.slice(1);
  }
  const open = rest.indexOf('(');
  const firstSlash = rest.indexOf('\\');
  if (open < 0 || (firstSlash >= 0 && firstSlash < open)) {
    // no instance: Object\Counter
    if (firstSlash < 0) return { host, object: rest, instance: null, counter: '', path };
    return { host, object: rest.slice(0, firstSlash), instance: null, counter: rest.slice(firstSlash + 1), path };
  }
  const close = rest.lastIndexOf(')\\');
  if (close < open) {
    return { host, object: rest.slice(0, open), instance: rest.slice(open + 1), counter: '', path };
  }
  const object = rest.slice(0, open);
  const counter = rest.slice(close + 2);
  let instance = rest.slice(open + 1, close);
  let parent: string | undefined;
  let index: number | undefined;
  const hash = /#(\d+)$/.exec(instance);
  if (hash) {
    index = Number(hash[1]);
    instance = instance.slice(0, hash.index);
  }
  // `Parent/Instance` (Thread: `svchost/12`): a slash can also be part of a name (a VM
  // called `web/01`), so split only for objects known to have parents or a numeric child.
  const slash = instance.indexOf('/');
  if (slash > 0 && (PARENTED_OBJECTS.has(object) || /^\d+$/.test(instance.slice(slash + 1)))) {
    parent = instance.slice(0, slash);
    instance = instance.slice(slash + 1);
  }
  return {
    host,
    object,
    instance,
    ...(parent !== undefined ? { parent } : {}),
    ...(index !== undefined ? { index } : {}),
    counter,
    path,
  };
}
