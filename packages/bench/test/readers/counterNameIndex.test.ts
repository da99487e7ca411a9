import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAPACITY_COUNTER_NAMES, translateCounterName } from '../../src/readers/counterNames.js';

const names = CAPACITY_COUNTER_NAMES.flatMap((e) => [e.en, e.es, e.ru].filter((n) => n !== undefined));
const objects = [...new Set(names.map((n) => n.object))];
const counters = [...new Set(names.map((n) => n.counter))];

describe('translateCounterName on the built-in table (looked up by name, not searched)', () => {
  it('property: any object and counter (the table’s names, crossed, changed in case, or any text) translate as a search of the table in order does', () => {
    const text = (pool: string[]) => fc.oneof(fc.constantFrom(...pool), fc.constantFrom(...pool).map((s) => s.toUpperCase()), fc.string({ maxLength: 12 }), fc.constantFrom(...pool).map((s) => `${s}\u0000`));
    fc.assert(
      fc.property(text(objects), text(counters), (object, counter) => {
        // a copy of the table is searched entry by entry, language by language
        expect(translateCounterName(object, counter)).toEqual(translateCounterName(object, counter, [...CAPACITY_COUNTER_NAMES]));
      }),
      { numRuns: 2000 },
    );
  });

  it('every name in the table translates as the search gives it, not null, and each answer is a new object', () => {
    for (const entry of CAPACITY_COUNTER_NAMES) {
      for (const language of ['en', 'es', 'ru'] as const) {
        const name = entry[language];
        if (!name) continue;
        const t = translateCounterName(name.object, name.counter);
        expect(t).toEqual(translateCounterName(name.object, name.counter, [...CAPACITY_COUNTER_NAMES]));
        expect(t).not.toBeNull();
      }
    }
    expect(translateCounterName('Processor', '% Processor Time')).not.toBe(translateCounterName('Processor', '% Processor Time'));
  });
});
