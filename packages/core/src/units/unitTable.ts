/**
 * The units a hostplan quantity may be written in, each with its kind and its size in the
 * kind's base unit (byte, hertz, bit per second, watt). Byte units are binary whatever their
 * prefix (`64 GB` is 64 GiB, as Windows and Hyper-V report memory); network rates and clocks
 * are decimal. Symbols are case-sensitive (`MB` is not `mb`), long names are not.
 */
export type UnitKind = 'data' | 'frequency' | 'rate' | 'power';

/** One unit: its kind and how many base units it holds. */
export interface UnitDefinition {
  readonly kind: UnitKind;
  readonly size: number;
}

const BINARY = [['', 1], ['K', 2 ** 10], ['M', 2 ** 20], ['G', 2 ** 30], ['T', 2 ** 40], ['P', 2 ** 50]] as const;
const BINARY_NAMES = [['', ''], ['kilo', 'kibi'], ['mega', 'mebi'], ['giga', 'gibi'], ['tera', 'tebi'], ['peta', 'pebi']] as const;
const DECIMAL = [['', 1], ['k', 1e3], ['M', 1e6], ['G', 1e9], ['T', 1e12]] as const;
const DECIMAL_NAMES = ['', 'kilo', 'mega', 'giga', 'tera'] as const;

function buildSymbols(): Map<string, UnitDefinition> {
  const symbols = new Map<string, UnitDefinition>();
  for (const [prefix, size] of BINARY) {
    const data = { kind: 'data', size } as const;
    symbols.set(`${prefix}B`, data);
    if (prefix) symbols.set(`${prefix}iB`, data);
  }
  symbols.set('kB', { kind: 'data', size: 2 ** 10 });
  for (const [prefix, size] of DECIMAL) {
    const rate = { kind: 'rate', size } as const;
    for (const p of prefix === 'k' ? ['k', 'K'] : [prefix]) {
      for (const suffix of ['bps', 'bit/s', 'b/s']) symbols.set(`${p}${suffix}`, rate);
    }
    symbols.set(`${prefix}Hz`, { kind: 'frequency', size });
    symbols.set(`${prefix}W`, { kind: 'power', size });
  }
  return symbols;
}

function buildNames(): Map<string, UnitDefinition> {
  const names = new Map<string, UnitDefinition>();
  BINARY.forEach(([, size], i) => {
    for (const prefix of new Set(BINARY_NAMES[i])) names.set(`${prefix}byte`, { kind: 'data', size });
  });
  DECIMAL.forEach(([, size], i) => {
    const prefix = DECIMAL_NAMES[i]!;
    names.set(`${prefix}hertz`, { kind: 'frequency', size });
    names.set(`${prefix}watt`, { kind: 'power', size });
    names.set(`${prefix}bit/s`, { kind: 'rate', size });
  });
  return names;
}

const SYMBOLS = buildSymbols();
const NAMES = buildNames();

/**
 * The definition of a unit as written (`GB`, `Gbps`, `2.66 GHz`'s `GHz`, `gigabytes`,
 * `kilowatt`), or undefined when hostplan does not know it. Long names may be plural.
 */
export function lookupUnit(text: string): UnitDefinition | undefined {
  const symbol = SYMBOLS.get(text);
  if (symbol) return symbol;
  const lower = text.toLowerCase();
  return NAMES.get(lower) ?? NAMES.get(lower.replace(/s$/, '')) ?? NAMES.get(lower.replace(/s\/s$/, '/s'));
}
