/**
 * Cuts a byte stream into lines (LF or CRLF; the CR is dropped) without copying whole chunks:
 * only a partial last line is carried to the next chunk. `onLine(buf, start, end, lineNo)`
 * gets 1-based line numbers. A final line without a line break is delivered by `end()` with
 * `complete = false` so a reader can tell a truncated line. A line longer than `maxLineBytes`
 * calls `onTooLong` (which throws) before it is carried further: memory stays bounded.
 */
export class LineSplitter {
  private carry: Uint8Array = new Uint8Array(0);
  private carryLength = 0;
  lineNo = 0;

  constructor(
    private readonly onLine: (buf: Uint8Array, start: number, end: number, lineNo: number, complete: boolean) => void,
    private readonly maxLineBytes = Number.POSITIVE_INFINITY,
    private readonly onTooLong: (lineNo: number, bytes: number) => never = (lineNo, bytes) => {
      throw new RangeError(`line ${lineNo} is longer than ${bytes} bytes`);
    },
  ) {}

  push(chunk: Uint8Array): void {
    let pos = 0;
    if (this.carryLength > 0) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.append(chunk, 0, chunk.length);
        return;
      }
      this.append(chunk, 0, nl + 1);
      this.emit(this.carry, 0, this.carryLength - 1, true);
      this.carryLength = 0;
      pos = nl + 1;
      if (this.pauseWhen?.()) return void (this.unread = chunk.length - pos);
    }
    for (;;) {
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) break;
      this.emit(chunk, pos, nl, true);
      pos = nl + 1;
      if (this.pauseWhen?.()) return void (this.unread = chunk.length - pos);
    }
    if (pos < chunk.length) this.append(chunk, pos, chunk.length);
  }

  /**
   * When set, checked after each line: once true, `push` stops there and leaves the rest of its
   * chunk unread ({@link unread} bytes, none carried). A parallel read stops after the header.
   */
  pauseWhen: (() => boolean) | null = null;
  /** Bytes of the last `push` left unread because {@link pauseWhen} said so. */
  unread = 0;

  end(): void {
    if (this.carryLength > 0) {
      const n = this.carryLength;
      this.carryLength = 0;
      this.emit(this.carry, 0, n, false);
    }
  }

  private emit(buf: Uint8Array, start: number, end: number, complete: boolean): void {
    if (end > start && buf[end - 1] === 13) end--;
    if (end - start > this.maxLineBytes) this.onTooLong(this.lineNo + 1, end - start);
    this.onLine(buf, start, end, ++this.lineNo, complete);
  }

  private append(chunk: Uint8Array, from: number, to: number): void {
    const need = this.carryLength + (to - from);
    if (need > this.maxLineBytes + 2) this.onTooLong(this.lineNo + 1, need); // + CR LF
    if (need > this.carry.length) {
      const grown = new Uint8Array(Math.max(need, this.carry.length * 2, 4096));
      grown.set(this.carry.subarray(0, this.carryLength));
      this.carry = grown;
    }
    this.carry.set(chunk.subarray(from, to), this.carryLength);
    this.carryLength = need;
  }
}
