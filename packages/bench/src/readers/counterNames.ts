/** A language with localised perfmon names in the capacity counter name table. */
export type CounterLanguage = 'en' | 'es' | 'ru';

/** One capacity counter in English and as localised Windows writes it. */
export interface CounterNameEntry {
  /** What the counter measures, for the counter -> resource mapping. */
  readonly resource: 'cpu' | 'memory' | 'disk' | 'network';
  readonly en: { readonly object: string; readonly counter: string };
  readonly es?: { readonly object: string; readonly counter: string };
  readonly ru?: { readonly object: string; readonly counter: string };
  /**
   * Where each translation comes from: `file` = seen in the real logs in
   * `../shared/data/perfmon/` (Spanish Windows-1252, Russian Windows-1251); `windows` = the
   * name localised Windows uses, not checked against a log here.
   */
  readonly source: Partial<Record<'es' | 'ru', 'file' | 'windows'>>;
}

/**
 * English names of the counters that carry capacity (domain reference section 7), with the
 * Spanish and Russian names where known. Hyper-V counter sets are listed in English only: no
 * localised Hyper-V log was available to check their names, so a user with one adds entries
 * (the table is plain data; `translateCounterName` takes an extended table).
 */
export const CAPACITY_COUNTER_NAMES: readonly CounterNameEntry[] = [
  { resource: 'cpu', en: { object: 'Processor', counter: '% Processor Time' }, es: { object: 'Procesador', counter: '% de tiempo de procesador' }, ru: { object: 'Процессор', counter: '% загруженности процессора' }, source: { es: 'file', ru: 'windows' } },
  { resource: 'cpu', en: { object: 'Process', counter: '% Processor Time' }, es: { object: 'Proceso', counter: '% de tiempo de procesador' }, ru: { object: 'Процесс', counter: '% загруженности процессора' }, source: { es: 'windows', ru: 'file' } },
  { resource: 'memory', en: { object: 'Process', counter: 'Working Set' }, es: { object: 'Proceso', counter: 'Espacio de trabajo' }, ru: { object: 'Процесс', counter: 'Рабочий набор' }, source: { es: 'windows', ru: 'file' } },
  { resource: 'disk', en: { object: 'Process', counter: 'IO Read Bytes/sec' }, ru: { object: 'Процесс', counter: 'I/O - чтение байт в сек' }, source: { ru: 'file' } },
  { resource: 'disk', en: { object: 'Process', counter: 'IO Write Bytes/sec' }, ru: { object: 'Процесс', counter: 'I/O - запись байт в сек' }, source: { ru: 'file' } },
  { resource: 'cpu', en: { object: 'Hyper-V Hypervisor Logical Processor', counter: '% Total Run Time' }, source: {} },
  { resource: 'cpu', en: { object: 'Hyper-V Hypervisor Virtual Processor', counter: '% Guest Run Time' }, source: {} },
  { resource: 'cpu', en: { object: 'Hyper-V Hypervisor Root Virtual Processor', counter: '% Guest Run Time' }, source: {} },
  { resource: 'memory', en: { object: 'Memory', counter: 'Available MBytes' }, es: { object: 'Memoria', counter: 'MBytes disponibles' }, ru: { object: 'Память', counter: 'Доступно МБ' }, source: { es: 'windows', ru: 'windows' } },
  { resource: 'memory', en: { object: 'Memory', counter: 'Available Bytes' }, es: { object: 'Memoria', counter: 'Bytes disponibles' }, ru: { object: 'Память', counter: 'Доступно байт' }, source: { es: 'file', ru: 'windows' } },
  { resource: 'memory', en: { object: 'Memory', counter: 'Pages/sec' }, es: { object: 'Memoria', counter: 'Páginas/s' }, ru: { object: 'Память', counter: 'Страниц/с' }, source: { es: 'file', ru: 'windows' } },
  { resource: 'memory', en: { object: 'Hyper-V Dynamic Memory VM', counter: 'Physical Memory' }, source: {} },
  { resource: 'memory', en: { object: 'Hyper-V Dynamic Memory VM', counter: 'Average Pressure' }, source: {} },
  { resource: 'memory', en: { object: 'Hyper-V Dynamic Memory Balancer', counter: 'Available Memory' }, source: {} },
  { resource: 'disk', en: { object: 'PhysicalDisk', counter: 'Disk Transfers/sec' }, es: { object: 'Disco físico', counter: 'Transferencias de disco/s' }, ru: { object: 'Физический диск', counter: 'Обращений к диску/с' }, source: { es: 'file', ru: 'windows' } },
  { resource: 'disk', en: { object: 'PhysicalDisk', counter: 'Avg. Disk sec/Transfer' }, es: { object: 'Disco físico', counter: 'Promedio de segundos de disco/transferencia' }, ru: { object: 'Физический диск', counter: 'Среднее время обращения к диску (с)' }, source: { es: 'file', ru: 'windows' } },
  { resource: 'disk', en: { object: 'PhysicalDisk', counter: '% Idle Time' }, es: { object: 'Disco físico', counter: '% de tiempo inactivo' }, ru: { object: 'Физический диск', counter: '% времени бездействия' }, source: { es: 'file', ru: 'windows' } },
  { resource: 'disk', en: { object: 'LogicalDisk', counter: 'Disk Transfers/sec' }, es: { object: 'Disco lógico', counter: 'Transferencias de disco/s' }, ru: { object: 'Логический диск', counter: 'Обращений к диску/с' }, source: { es: 'windows', ru: 'windows' } },
  { resource: 'disk', en: { object: 'Hyper-V Virtual Storage Device', counter: 'Read Operations/Sec' }, source: {} },
  { resource: 'disk', en: { object: 'Hyper-V Virtual Storage Device', counter: 'Write Operations/Sec' }, source: {} },
  { resource: 'network', en: { object: 'Network Interface', counter: 'Bytes Total/sec' }, es: { object: 'Interfaz de red', counter: 'Total de bytes/s' }, ru: { object: 'Сетевой интерфейс', counter: 'Всего байт/с' }, source: { es: 'file', ru: 'windows' } },
  { resource: 'network', en: { object: 'Network Interface', counter: 'Current Bandwidth' }, es: { object: 'Interfaz de red', counter: 'Ancho de banda actual' }, ru: { object: 'Сетевой интерфейс', counter: 'Текущая пропускная способность' }, source: { es: 'file', ru: 'windows' } },
  { resource: 'network', en: { object: 'Hyper-V Virtual Network Adapter', counter: 'Bytes/sec' }, source: {} },
];

/**
 * The English object and counter name of a (possibly localised) perfmon counter, or null when
 * the table does not know it. English names map to themselves. Case-sensitive, as written.
 *
 * @example
 * translateCounterName('Disco físico', 'Transferencias de disco/s')
 * // => { object: 'PhysicalDisk', counter: 'Disk Transfers/sec', language: 'es', resource: 'disk' }
 */
export function translateCounterName(
  object: string,
  counter: string,
  table: readonly CounterNameEntry[] = CAPACITY_COUNTER_NAMES,
): { object: string; counter: string; language: CounterLanguage; resource: CounterNameEntry['resource'] } | null {
  if (table === CAPACITY_COUNTER_NAMES) {
    const hit = (capacityNames ??= nameIndex(CAPACITY_COUNTER_NAMES)).get(`${object}\u0000${counter}`);
    return hit === undefined ? null : { ...hit };
  }
  return searchNames(object, counter, table);
}

type Translation = NonNullable<ReturnType<typeof translateCounterName>>;

/** {@link CAPACITY_COUNTER_NAMES} by `object NUL counter`, built on first use: a log's header asks once per column (and its statistics again), 66 names to compare each time. */
let capacityNames: Map<string, Translation> | null = null;

/** Every name of `table` to what {@link searchNames} gives for it (the first entry and language that has it). */
function nameIndex(table: readonly CounterNameEntry[]): Map<string, Translation> {
  const index = new Map<string, Translation>();
  for (const entry of table) {
    for (const language of ['en', 'es', 'ru'] as const) {
      const name = entry[language];
      const key = name && `${name.object}\u0000${name.counter}`;
      if (key && !index.has(key)) index.set(key, { ...entry.en, language, resource: entry.resource });
    }
  }
  return index;
}

/** The table searched in order: the first entry, and its first language, naming `object` and `counter`. */
function searchNames(object: string, counter: string, table: readonly CounterNameEntry[]): Translation | null {
  for (const entry of table) {
    for (const language of ['en', 'es', 'ru'] as const) {
      const name = entry[language];
      if (name && name.object === object && name.counter === counter) return { ...entry.en, language, resource: entry.resource };
    }
  }
  return null;
}
