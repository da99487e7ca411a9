import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePdhScan, generatedModule, WASM_MODULE } from '../../../../scripts/wasm.mjs';
import { pdhRowMissing, scanPdhRow } from '../../src/readers/_internals/pdhFastRow.js';
import { PdhRowScanner } from '../../src/readers/_internals/pdhRowScanner.js';

const TIME = '01/02/2024 03:04:05.678';

/** What a scanner makes of one row: the time, the missing count, the values. */
function scanWith(scan: (buf: Uint8Array, out: Float64Array) => number, row: string, counters: number) {
  const buf = Buffer.from(row, 'latin1');
  const out = new Float64Array(counters);
  const localMs = scan(buf, out);
  return { localMs, missing: localMs === localMs ? pdhRowMissing[0] : -1, values: localMs === localMs ? [...out] : [] };
}

/** The wasm scanner's and scanPdhRow's readings of `row` (after checking scanValues reads it as scan does), and how many rows the wasm scanner refused. */
function both(row: string, counters: number, separator = 44) {
  const scanner = new PdhRowScanner(separator, counters);
  const wasm = scanWith((buf, out) => scanner.scan(buf, 0, buf.length, out, 0), row, counters);
  const js = scanWith((buf, out) => scanPdhRow(buf, 0, buf.length, separator, counters, out, 0), row, counters);
  // scanValues: the same reading, the values left where they are (the wasm memory or the fallback)
  const inPlace = scanWith((buf, out) => {
    const values = scanner.scanValues(buf, 0, buf.length, out);
    if (values !== null && values !== out) out.set(values.subarray(0, counters));
    return values === null ? NaN : scanner.localMs;
  }, row, counters);
  expect(inPlace).toEqual(wasm);
  return { wasm, js, refused: scanner.refusedRows };
}

/** What a cell reads as: NaN for the blanks `" "` and `""`, else `Number(text)`. */
const expected = (cell: string) => (cell === ' ' || cell === '' ? NaN : Number(cell));

const rowOf = (cells: readonly string[], sep = ',') => `"${TIME}"${cells.map((c) => `${sep}"${c}"`).join('')}`;

/** perfmon's `%g`-style exponent: at least three digits (`6.148650849772921e-005`). */
function perfmonExponent(text: string): string {
  return text.replace(/e([-+])(\d+)$/, (_, sign: string, digits: string) => `e${sign}${digits.padStart(3, '0')}`);
}

/** The ways perfmon, relog, typeperf and other writers render a double. */
function renderings(x: number): string[] {
  const out = [String(x), x.toPrecision(17), x.toPrecision(15), perfmonExponent(x.toExponential()), perfmonExponent(x.toExponential(16))];
  if (Math.abs(x) < 1e21) out.push(x.toFixed(6), x.toFixed(20));
  if (x >= 0) out.push(`000${String(x)}`, `+${String(x)}`);
  if (Math.abs(x) < 1 && x !== 0) out.push(String(x).replace('0.', '.'));
  if (Number.isInteger(x) && Math.abs(x) < 1e21) out.push(`${x.toFixed(0)}.`);
  return out;
}

describe('PdhRowScanner (WebAssembly) reads every row as scanPdhRow does', () => {
  it('property: any double, in every rendering, reads as Number(text), the same as scanPdhRow', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1e9, max: 1e12 }), fc.integer({ min: 0, max: 1e6 }).map((n) => n / 64)), { minLength: 1, maxLength: 6 }), (xs) => {
        const cells = xs.flatMap(renderings);
        const { wasm, js } = both(rowOf(cells), cells.length);
        expect(wasm).toEqual(js);
        cells.forEach((c, i) => expect(Object.is(wasm.values[i], expected(c)), c).toBe(true));
      }),
      { numRuns: 400 },
    );
  });

  it('property: the doubles perfmon writes (shortest, 17 digits, e-005) are read by the wasm scanner itself, none refused', () => {
    const magnitude = fc.double({ min: 1e-30, max: 2 ** 52, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(magnitude, fc.boolean()), { minLength: 1, maxLength: 8 }), (xs) => {
        const cells = xs.flatMap(([x, negative]) => {
          const v = negative ? -x : x;
          return [String(v), v.toPrecision(17), perfmonExponent(v.toExponential(16)), ' ', ''];
        });
        const { wasm, js, refused } = both(rowOf(cells), cells.length);
        expect(refused).toBe(0);
        expect(wasm).toEqual(js);
        cells.forEach((c, i) => expect(Object.is(wasm.values[i], expected(c)), c).toBe(true));
      }),
      { numRuns: 500 },
    );
  });

  it('property: random digit strings (leading zeros, up to 25 digits, a point anywhere, exponents of 1 to 5 digits) read as Number(text)', () => {
    const text = fc.stringMatching(/^[-+]?0{0,3}\d{0,25}(\.\d{0,25})?([eE][-+]?\d{1,5})?$/);
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 10 }), (cells) => {
        const { wasm, js } = both(rowOf(cells), cells.length);
        expect(wasm).toEqual(js);
        if (wasm.localMs === wasm.localMs) cells.forEach((c, i) => expect(Object.is(wasm.values[i], expected(c)), c).toBe(true));
      }),
      { numRuns: 1500 },
    );
  });

  it('property: cells longer than one load of quote bits reaches (54 bytes: leading zeros, long fractions) are read by the wasm scanner itself, as Number(text)', () => {
    // values whose powers of ten stay within the wasm scanner's (|k| <= 250): nothing refused
    const zeros = fc.integer({ min: 40, max: 200 });
    const long = fc.oneof(
      fc.tuple(zeros, fc.oneof(fc.constant(0), fc.double({ min: 1e-100, max: 1e6, noNaN: true }))).map(([n, x]) => `${'0'.repeat(n)}${String(x)}`),
      fc.tuple(zeros, fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })).map(([n, digits]) => `0.${'0'.repeat(n)}${digits}`),
    );
    const short = fc.constantFrom('1.5', ' ', '', '96.58319186260141', '6.148650849772921e-005', '125472');
    fc.assert(
      fc.property(fc.array(fc.oneof(long, short), { minLength: 1, maxLength: 8 }), (cells) => {
        const { wasm, js, refused } = both(rowOf(cells), cells.length);
        expect(wasm).toEqual(js);
        expect(refused).toBe(0);
        cells.forEach((c, i) => expect(Object.is(wasm.values[i], expected(c)), c).toBe(true));
      }),
      { numRuns: 300 },
    );
  });

  it('property: 15 to 20 digits with points, then something like an exponent (right or not), read as Number(text) or refused, the same as scanPdhRow', () => {
    // mostly one point; 19 digits from 9.2e18 up (beyond 2^63) too
    const digitStrings = fc.oneof({ weight: 3, arbitrary: fc.stringMatching(/^[0-9]{15,20}$/) }, fc.stringMatching(/^9[2-9][0-9]{17}$/));
    const mantissa = fc.tuple(digitStrings, fc.nat(), fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, fc.nat())).map(([digits, a, b]) => {
      const one = `${digits.slice(0, a % (digits.length + 1))}.${digits.slice(a % (digits.length + 1))}`;
      return b === null ? one : `${one.slice(0, b % (one.length + 1))}.${one.slice(b % (one.length + 1))}`;
    });
    const exponent = fc.tuple(fc.constantFrom('e', 'E', 'e', 'E', 'x', '.', '-', ' '), fc.constantFrom('', '-', '+', '--'), fc.stringMatching(/^[0-9]{0,5}$/), fc.constantFrom('', '', '', 'x', '.', 'e', '-')).map((parts) => parts.join(''));
    fc.assert(
      fc.property(mantissa, exponent, (m, e) => {
        const cells = [m + e, '6.148650849772921e-005'];
        const { wasm, js } = both(rowOf(cells), cells.length);
        expect(wasm).toEqual(js);
        if (wasm.localMs === wasm.localMs) cells.forEach((c, i) => expect(Object.is(wasm.values[i], expected(c)), c).toBe(true));
      }),
      { numRuns: 3000 },
    );
  });

  it('property: damaged rows (wrong cell count, bad quotes, bad times, non-numeric cells, cut short, bytes changed) are refused or read exactly as scanPdhRow does', () => {
    const time = fc.oneof(
      { weight: 3, arbitrary: fc.constant(TIME) },
      fc
        .tuple(fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 61 }), fc.constantFrom('', '.1', '.12', '.123', '.1234', '.', '.x'))
        .map(([mo, d, y, h, mi, s, f]) => `${String(mo).padStart(2, '0')}/${String(d).padStart(2, '0')}/${String(y).padStart(4, '0')} ${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${String(s).padStart(2, '0')}${f}`),
      fc.string({ maxLength: 25 }),
    );
    const good = fc.oneof(fc.constantFrom('1.5', ' ', '', '96.58319186260141', '6.148650849772921e-005', '-0', '0.0321', '125472'), fc.double({ noNaN: true, noDefaultInfinity: true }).map(String));
    const bad = fc.oneof(fc.constantFrom('1e', '1e+', '1.2.3', 'NaN', '1,5', ' 1', '1 ', '"', 'x', '.', '-', '+-1', '1e-', '1x'), fc.string({ maxLength: 6 }));
    const cell = fc.oneof({ weight: 6, arbitrary: good }, bad);
    // an edit: at a position (a fraction of the row), insert, replace or delete a byte that matters to the scanner
    const edit = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('insert', 'replace', 'delete'), fc.constantFrom('"', ',', '\t', ' ', '0', '9', '.', 'e', '-', 'x', '\r'));
    fc.assert(
      fc.property(time, fc.array(cell, { maxLength: 8 }), fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, fc.integer({ min: 0, max: 9 })), fc.constantFrom(',', '\t'), fc.array(edit, { maxLength: 2 }), fc.nat(), (t, cells, counters, sep, edits, cut) => {
        let row = `"${t}"${cells.map((c) => `${sep}"${c}"`).join('')}`;
        for (const [at, kind, ch] of edits) {
          const i = Math.floor(at * row.length);
          row = kind === 'insert' ? row.slice(0, i) + ch + row.slice(i) : row.slice(0, i) + (kind === 'replace' ? ch : '') + row.slice(i + 1);
        }
        if (cut % 3 === 0) row = row.slice(0, row.length - (cut % 7));
        const { wasm, js } = both(row, counters ?? cells.length, sep.charCodeAt(0));
        expect(wasm).toEqual(js);
      }),
      { numRuns: 4000 },
    );
  });

  it.each([
    `"${TIME}","1",x"2"`,
    `"${TIME}","1";"2"`,
    `"${TIME}"	"1","2"`,
    `"${TIME}","1",,"2"`,
    `"${TIME}","1" ,"2"`,
    `"${TIME}","1","2"x`,
    `"${TIME}","1","2`,
    `"${TIME}","1","2""`,
    `"${TIME}",,"1","2"`,
    `x"${TIME}","1","2"`,
    `"${TIME}""1","2"`,
    `"${TIME}","1"",2"`,
    `"${TIME}","1	","2"`,
    `"${TIME}","1.5.5","2"`,
    `"${TIME}","1e","2"`,
    `"${TIME}","1e+","2"`,
    `"${TIME}","-","2"`,
    `"${TIME}",".","2"`,
    `"${TIME}","+-1","2"`,
    `"${TIME}","1 ","2"`,
    `"${TIME}","  ","2"`,
  ])('reads the damaged row %j as scanPdhRow does (it refuses them all)', (row) => {
    const { wasm, js } = both(row, 2);
    expect(wasm).toEqual(js);
    expect(js.localMs).toBeNaN();
  });

  it.each([
    '4611686018427387903', // 2^62 - 1
    '4611686018427387904',
    '9223372036854775807', // 2^63 - 1
    '9223372036854775808',
    '9999999999999999999',
    '99999999999.99999999',
    '0.9999999999999999999',
    '1844674407370955161.6', // 2^64 / 10
    '9007199254740993', // 2^53 + 1: a tie
    '900719925474099.3',
  ])('reads the 16- to 19-digit mantissa %j as Number(text), the same as scanPdhRow', (cell) => {
    const { wasm, js } = both(rowOf([cell, cell.slice(0, 17)]), 2);
    expect(wasm).toEqual(js);
    expect(Object.is(wasm.values[0], Number(cell))).toBe(true);
  });

  // exact midpoints between two doubles, written with decimals (so not Clinger's fast path), rounding up and down
  it.each([0n, 1n, 2n, 3n, 10n, 12345n].flatMap((i) => [`${2n ** 52n + i}.5`, `${2n ** 53n + 2n * i + 1n}.0`, `${2n ** 53n + 2n * i + 1n}.00`]))('refuses the exact midpoint %j in the wasm scanner (its rounding check cannot decide it); the JS scanner reads it as Number(text)', (cell) => {
    const { wasm, js, refused } = both(rowOf([cell]), 1);
    expect(refused).toBe(2); // both's two readings of the row
    expect(wasm).toEqual(js);
    expect(Object.is(wasm.values[0], Number(cell))).toBe(true);
  });

  it.each([
    '01/31/2024 23:59:60', // a leap second rolling over into February: scanPdhRow refuses it
    '01/30/2024 23:59:60.5',
    '02/29/2024 00:00:00',
    '02/29/2023 00:00:00',
    '02/29/2000 12:00:00.1',
    '02/29/1900 12:00:00.12',
    '04/31/2024 00:00:00',
    '01/01/0000 00:00:00',
    '02/29/0000 00:00:00',
    '12/31/9999 23:59:59.999',
  ])('reads the time %j as scanPdhRow does', (time) => {
    const { wasm, js } = both(`"${time}","1"`, 1);
    expect(wasm).toEqual(js);
  });

  it('reads a row longer than its first memory (the memory grows) and then a short one', () => {
    const scanner = new PdhRowScanner(44, 3000);
    const values = Array.from({ length: 3000 }, (_, i) => String(i * 1.25));
    const out = new Float64Array(3000);
    const long = Buffer.from(rowOf(values));
    expect(scanner.scan(long, 0, long.length, out, 0)).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    expect([...out]).toEqual(values.map(Number));
    const short = Buffer.from(`xx${rowOf(['7'.repeat(3)].concat(values.slice(1)))}yy`);
    expect(scanner.scan(short, 2, short.length - 2, out, 0)).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    expect(out[0]).toBe(777);
    expect(scanner.refusedRows).toBe(0);
  });

  it('takes rows from a plain Uint8Array at an offset, into an output at an offset', () => {
    const scanner = new PdhRowScanner(9, 2);
    const text = Buffer.from(`junk${rowOf(['12.5', ' '], '\t')}`);
    const bytes = new Uint8Array(text);
    const out = new Float64Array(5).fill(-1);
    expect(scanner.scan(bytes, 4, bytes.length, out, 3)).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    expect([...out]).toEqual([-1, -1, -1, 12.5, NaN]);
    expect(pdhRowMissing[0]).toBe(1);
  });
});

describe('without WebAssembly (node --jitless)', () => {
  it('reads every row with the JS scanner: the same times, missing counts and values', () => {
    const rows = [rowOf(['1.5', ' ', '96.58319186260141', '6.148650849772921e-005']), rowOf(['-2', '', '1e', '7'])];
    const script = `
      import { PdhRowScanner } from './packages/bench/src/readers/_internals/pdhRowScanner.ts';
      import { pdhRowMissing } from './packages/bench/src/readers/_internals/pdhFastRow.ts';
      const scanner = new PdhRowScanner(44, 4);
      const out = new Float64Array(4);
      const read = ${JSON.stringify(rows)}.map((row) => {
        const buf = Buffer.from(row, 'latin1');
        const localMs = scanner.scan(buf, 0, buf.length, out, 0);
        return { localMs: String(localMs), missing: pdhRowMissing[0], values: [...out].map(String) };
      });
      console.log(JSON.stringify({ wasm: typeof WebAssembly, refused: scanner.refusedRows, read }));`;
    const root = fileURLToPath(new URL('../../../../', import.meta.url));
    const child = spawnSync(process.execPath, ['--jitless', '--import', 'tsx/esm', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    const got = JSON.parse(child.stdout.trim().split('\n').pop()!) as { wasm: string; refused: number; read: unknown[] };
    expect(got.wasm).toBe('undefined');
    expect(got.refused).toBe(2);
    const scanner = new PdhRowScanner(44, 4);
    const out = new Float64Array(4);
    const here = rows.map((row) => {
      const buf = Buffer.from(row, 'latin1');
      const localMs = scanner.scan(buf, 0, buf.length, out, 0);
      return { localMs: String(localMs), missing: pdhRowMissing[0], values: [...out].map(String) };
    });
    expect(got.read).toEqual(here);
  }, 60_000);
});

describe('the committed wasm (npm run wasm)', () => {
  it('is what assembly/pdhScan.ts compiles to', async () => {
    const committed = readFileSync(fileURLToPath(new URL(`../../../../${WASM_MODULE}`, import.meta.url)), 'utf8');
    expect(committed).toBe(generatedModule(await compilePdhScan()));
  }, 60_000);
});
