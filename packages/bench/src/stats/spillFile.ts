import { close, closeSync, mkdtempSync, openSync, readSync, rmdirSync, unlinkSync, writeSync, writevSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A temporary file of sample values (8 bytes each, native byte order), written in runs and
 * read back one series at a time: exact percentiles of series larger than the memory budget
 * without reading their source a second time. The file lives in a fresh directory made with
 * `mkdtemp` under `directory`; both are unlinked as soon as the file is open (on POSIX systems
 * nothing is left behind even if the process is killed; where an open file cannot be unlinked,
 * they go at {@link close}). Synchronous: it is written from inside a sink's `sample`/`row`
 * calls, between two chunks of the source.
 *
 * @example
 * const f = SpillFile.open(os.tmpdir());
 * f.append(0, Float64Array.of(3, 1, 2), 3);
 * const into = new Float64Array(f.count(0));
 * f.read(0, into); // into => Float64Array [3, 1, 2]
 * f.close();
 */
export class SpillFile {
  /** Per series, its runs as byte offset and value count: [offset0, count0, offset1, count1, ...]. */
  private readonly runs: number[][] = [];
  private readonly counts: number[] = [];
  private size = 0;
  private closed = false;

  private constructor(
    private readonly fd: number,
    /** The file and its directory while they still need unlinking. */
    private pending: { file: string; dir: string } | null,
  ) {}

  /**
   * Creates the file in a new directory under `directory`. Throws the file system's error
   * (ENOENT, EACCES, EROFS...) when it cannot.
   *
   * @example
   * const f = SpillFile.open('/var/tmp'); // /var/tmp/hostplan-spill-XXXXXX/values.f64, already unlinked
   */
  static open(directory: string): SpillFile {
    const dir = mkdtempSync(join(directory, 'hostplan-spill-'));
    const file = join(dir, 'values.f64');
    let fd: number;
    try {
      fd = openSync(file, 'wx+', 0o600);
    } catch (e) {
      rmdirSync(dir);
      throw e;
    }
    const f = new SpillFile(fd, { file, dir });
    f.unlink();
    return f;
  }

  /** Bytes written so far. */
  get bytes(): number {
    return this.size;
  }

  /** The open file's descriptor: another thread of this process may read the file through it (positioned reads) until {@link close}. */
  get descriptor(): number {
    return this.fd;
  }

  /** Where the values of `series` lie: byte offset and value count of each run, in the order written ([offset0, count0, offset1, count1, ...]). */
  runsOf(series: number): readonly number[] {
    return this.runs[series] ?? [];
  }

  /** Values of series `series` written so far. */
  count(series: number): number {
    return this.counts[series] ?? 0;
  }

  /**
   * Appends `values[0..count)` of one series. Throws the file system's error (ENOSPC...), having
   * recorded nothing of this call.
   *
   * @example
   * f.append(2, chunk, 65_536); f.count(2) // => 65536 more than before
   */
  append(series: number, values: Float64Array, count: number): void {
    if (count <= 0) return;
    const bytes = new Uint8Array(values.buffer, values.byteOffset, count * 8);
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, this.size + done);
    (this.runs[series] ??= []).push(this.size, count);
    this.counts[series] = (this.counts[series] ?? 0) + count;
    this.size += bytes.length;
  }

  /**
   * Appends every value of `parts`, one after the other, as one run of series `series`: what
   * {@link append} of each part in turn writes, in one system call (a gather write) where the
   * file takes it at once. Throws the file system's error (ENOSPC...), having recorded nothing
   * of this call.
   *
   * @example
   * f.appendParts(2, [chunk, last.subarray(0, fill)]); f.count(2) // => chunk.length + fill more than before
   */
  appendParts(series: number, parts: readonly Float64Array[]): void {
    const views = parts.filter((p) => p.length > 0).map((p) => new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
    let total = 0;
    for (const v of views) total += v.length;
    if (total === 0) return;
    let done = writevSync(this.fd, views, this.size);
    // a short write: the rest part by part
    for (let i = 0, at = 0; done < total && i < views.length; at += views[i]!.length, i++) {
      const v = views[i]!;
      while (done < at + v.length) done += writeSync(this.fd, v, done - at, at + v.length - done, this.size + done);
    }
    (this.runs[series] ??= []).push(this.size, total / 8);
    this.counts[series] = (this.counts[series] ?? 0) + total / 8;
    this.size += total;
  }

  /**
   * Reads every value of `series`, in the order written, into `into` (at least
   * {@link count} long). Returns the count.
   *
   * @example
   * const n = f.read(0, scratch); scratch.subarray(0, n) // the values of series 0
   */
  read(series: number, into: Float64Array): number {
    const runs = this.runs[series] ?? [];
    let at = 0;
    for (let r = 0; r < runs.length; r += 2) {
      const n = runs[r + 1]!;
      this.readRun(runs[r]!, new Uint8Array(into.buffer, into.byteOffset + at * 8, n * 8));
      at += n;
    }
    return at;
  }

  /**
   * Calls `each(values, count)` with the values of `series` in pieces of at most `pieceValues`
   * (for a series too large to hold): the buffer is reused between calls.
   *
   * @example
   * f.forEachPiece(0, 1 << 20, (v, n) => { for (let i = 0; i < n; i++) histogram.add(v[i]); });
   */
  forEachPiece(series: number, pieceValues: number, each: (values: Float64Array, count: number) => void): void {
    const runs = this.runs[series] ?? [];
    const piece = new Float64Array(Math.max(1, pieceValues));
    const view = new Uint8Array(piece.buffer);
    for (let r = 0; r < runs.length; r += 2) {
      let offset = runs[r]!;
      let left = runs[r + 1]!;
      while (left > 0) {
        const n = Math.min(left, piece.length);
        this.readRun(offset, view.subarray(0, n * 8));
        each(piece, n);
        offset += n * 8;
        left -= n;
      }
    }
  }

  /**
   * Closes the file (and removes it where that was not possible while it was open). Idempotent.
   * A file already removed is closed on libuv's thread pool: the kernel frees its cached pages
   * (hundreds of MB on a large log, tens of ms) while this thread goes on.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.pending === null) {
      close(this.fd, () => {});
      return;
    }
    closeSync(this.fd);
    this.unlink();
  }

  private readRun(position: number, into: Uint8Array): void {
    let done = 0;
    while (done < into.length) {
      const n = readSync(this.fd, into, done, into.length - done, position + done);
      if (n === 0) throw new Error(`spill file: unexpected end at byte ${position + done}`);
      done += n;
    }
  }

  private unlink(): void {
    const p = this.pending;
    if (!p) return;
    try {
      if (p.file) unlinkSync(p.file);
      p.file = '';
      rmdirSync(p.dir);
      this.pending = null;
    } catch {
      // an open file cannot be removed on some systems: tried again at close
    }
  }
}
