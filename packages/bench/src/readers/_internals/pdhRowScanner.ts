import { SCALE } from './parseNumber.js';
import { pdhRowMissing, scanPdhRow } from './pdhFastRow.js';
import { PDH_SCAN_WASM } from './pdhScanWasm.generated.js';
import { growMemory, wasmInstances, type WasmMemory } from '../../wasmInstances.js';

/** What the compiled scanner (assembly/pdhScan.ts) exports (its pointers are i32 globals). */
interface PdhScanExports {
  readonly memory: WasmMemory;
  readonly SCALE_PTR: { readonly value: number };
  readonly MISSING_PTR: { readonly value: number };
  readonly FREE_PTR: { readonly value: number };
  readonly scanRow: (start: number, end: number, separator: number, counters: number, out: number) => number;
}

/** Rows longer than this are read by the JS scanner: the wasm memory stays small. */
const MAX_WASM_ROW_BYTES = 1 << 20;
/** Bytes after a row in wasm memory: its stop byte and the scanner's loads past it (64-byte blocks, 32-byte cells). */
const SLACK = 128;

/** A new instance of the scanner (about 4 KB of module), or null without WebAssembly (`node --jitless`): the JS scanner then reads every row. */
const newScanner = wasmInstances<PdhScanExports>(PDH_SCAN_WASM);

/**
 * The common PDH row, read by WebAssembly (assembly/pdhScan.ts: the digits 16 bytes at a time,
 * with SIMD) and, for any row it refuses, by {@link scanPdhRow}: the same contract and the same
 * results. The wasm scanner accepts only rows whose every value it computes exactly (the values
 * equal `Number(text)` bit for bit: Clinger's fast path or parseNumber.ts's double-double product
 * with its rounding check, on the same table of powers of ten, copied in here); everything else
 * (a sign, a leap second, more than 19 significant digits, an exponent beyond 4 digits, a value
 * the rounding check cannot decide, any other shape) goes to the JS scanner, which reads it as
 * before. One per reader: each has its own wasm instance and memory (the row is copied in).
 * Without WebAssembly (`node --jitless`) the JS scanner reads every row.
 */
export class PdhRowScanner {
  /** The wasm scanner, null without WebAssembly. */
  private readonly scanRow: PdhScanExports['scanRow'] | null = null;
  private readonly memory: WasmMemory | null = null;
  private readonly missingAt: number = 0;
  private readonly valuesAt: number = 0;
  private readonly rowAt: number = 0;
  private bytes = new Uint8Array(0);
  /** The wasm memory's buffer, as of the last growth (`memory.buffer`, a call into the engine, is not asked per row). */
  private memoryBuffer: ArrayBuffer | null = null;
  private values = new Float64Array(0);
  private missing = new Int32Array(1);
  /** The read buffers in wasm memory ({@link readBuffers}), null until asked for. */
  private arena: readonly [Buffer, Buffer] | null = null;
  /** Rows the wasm scanner refused or, without WebAssembly, could not read (the JS scanner read them): tests check which rows it takes. */
  refusedRows = 0;

  constructor(private readonly separator: number, private readonly counters: number) {
    const e = newScanner();
    if (e === null) return;
    this.scanRow = e.scanRow;
    this.memory = e.memory;
    this.missingAt = e.MISSING_PTR.value;
    this.valuesAt = e.FREE_PTR.value;
    this.rowAt = this.valuesAt + 8 * counters + SLACK;
    this.room(4096);
    new Float64Array(e.memory.buffer, e.SCALE_PTR.value, SCALE.length).set(SCALE);
  }

  /**
   * Whether this scanner reads rows of this separator and number of value cells.
   *
   * @example
   * new PdhRowScanner(44, 3).reads(44, 3) // => true
   */
  reads(separator: number, counters: number): boolean {
    return separator === this.separator && counters === this.counters;
  }

  /**
   * Two buffers of `chunkBytes` in this scanner's wasm memory, for a reader to read the file's
   * chunks into: a row lying in one is scanned where it is (no copy into wasm memory), the byte
   * after it set to the stop byte for the scan and restored after. The memory is grown once, here,
   * to hold them after the copy area of the longest row the wasm scanner takes: it never grows
   * again, so these views (and a read in flight into one) stay valid. Null without WebAssembly,
   * or when asked again for another size.
   *
   * @example
   * const [a, b] = new PdhRowScanner(44, 1).readBuffers(4096)!; // a.length => 4096
   */
  readBuffers(chunkBytes: number): readonly [Buffer, Buffer] | null {
    if (this.memory === null) return null;
    if (this.arena === null) {
      const arenaAt = (this.rowAt + MAX_WASM_ROW_BYTES + SLACK + 15) & ~15;
      const stride = (chunkBytes + SLACK + 15) & ~15;
      this.room(arenaAt + 2 * stride - this.rowAt);
      const buffer = this.memory.buffer;
      this.arena = [Buffer.from(buffer, arenaAt, chunkBytes), Buffer.from(buffer, arenaAt + stride, chunkBytes)];
    }
    return this.arena[0].length === chunkBytes ? this.arena : null;
  }

  /** Grows the memory for a row of `rowBytes` (and remakes the views: growing detaches the old buffer). */
  private room(rowBytes: number): void {
    const memory = this.memory!;
    growMemory(memory, this.rowAt + rowBytes + SLACK);
    const buffer = memory.buffer;
    this.memoryBuffer = buffer;
    this.bytes = new Uint8Array(buffer);
    this.values = new Float64Array(buffer, this.valuesAt, this.counters);
    this.missing = new Int32Array(buffer, this.missingAt, 1);
  }

  /**
   * {@link scanPdhRow} for the row `[start, end)` of `buf`: the values to `out[at .. at +
   * counters)`, the missing count to `pdhRowMissing[0]`; returns the local time in ms, or NaN
   * for a row of another shape (the caller then splits it and reports what is wrong).
   *
   * @example
   * const scanner = new PdhRowScanner(44, 1);
   * const out = new Float64Array(1);
   * scanner.scan(Buffer.from('"01/02/2024 00:00:00.000","512"'), 0, 31, out, 0) // => Date.UTC(2024, 0, 2); out[0] => 512
   */
  scan(buf: Uint8Array, start: number, end: number, out: Float64Array, at: number): number {
    const localMs = this.wasmRow(buf, start, end);
    if (localMs === localMs) {
      out.set(this.values, at);
      return localMs;
    }
    this.refusedRows++;
    return scanPdhRow(buf, start, end, this.separator, this.counters, out, at);
  }

  /** The local time of the last row {@link scanValues} read. */
  localMs = 0;

  /**
   * {@link scan} without copying the values: returns the array that holds them from index 0 (the
   * scanner's view of its wasm memory, good until its next call, or `fallback` when the JS scanner
   * read the row), or null for a row of another shape; the local time is then in {@link localMs},
   * the missing count in `pdhRowMissing[0]`.
   *
   * @example
   * const scanner = new PdhRowScanner(44, 1);
   * scanner.scanValues(Buffer.from('"01/02/2024 00:00:00.000","512"'), 0, 31, new Float64Array(1))![0] // => 512
   */
  scanValues(buf: Uint8Array, start: number, end: number, fallback: Float64Array): Float64Array | null {
    const localMs = this.wasmRow(buf, start, end);
    if (localMs === localMs) {
      this.localMs = localMs;
      return this.values;
    }
    this.refusedRows++;
    const js = scanPdhRow(buf, start, end, this.separator, this.counters, fallback, 0);
    if (js !== js) return null;
    this.localMs = js;
    return fallback;
  }

  /** The wasm scanner on the row (copied into its memory, unless it lies in a {@link readBuffers} buffer): the local time, the values in `this.values` and the missing count in `pdhRowMissing[0]`, or NaN. */
  private wasmRow(buf: Uint8Array, start: number, end: number): number {
    const n = end - start;
    const scanRow = this.scanRow;
    if (scanRow === null || n > MAX_WASM_ROW_BYTES) return NaN;
    if (buf.buffer === this.memoryBuffer) return this.inPlace(buf.byteOffset + start, n);
    const rowAt = this.rowAt;
    if (rowAt + n + SLACK > this.bytes.length) this.room(n);
    const bytes = this.bytes;
    if (Buffer.isBuffer(buf)) buf.copy(bytes, rowAt, start, end);
    else bytes.set(buf.subarray(start, end), rowAt);
    bytes[rowAt + n] = 0; // the stop byte
    const localMs = scanRow(rowAt, rowAt + n, this.separator, this.counters, this.valuesAt);
    if (localMs === localMs) pdhRowMissing[0] = this.missing[0]!;
    return localMs;
  }

  /** {@link wasmRow} for a row at `at` in one of the {@link readBuffers} (SLACK bytes after each). */
  private inPlace(at: number, n: number): number {
    const bytes = this.bytes;
    const after = bytes[at + n]!;
    bytes[at + n] = 0; // the stop byte, for the scan only
    const localMs = this.scanRow!(at, at + n, this.separator, this.counters, this.valuesAt);
    bytes[at + n] = after;
    if (localMs === localMs) pdhRowMissing[0] = this.missing[0]!;
    return localMs;
  }
}
