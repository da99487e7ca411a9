/** Cell spans of one line, reused across lines (no allocation per cell). */
export class CellSpans {
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** 1 when the cell was quoted, 2 when it also holds `""` escapes, 4 when malformed. */
  flags = new Uint8Array(64);
  count = 0;

  grow(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n); s.set(this.starts); this.starts = s;
    const e = new Int32Array(n); e.set(this.ends); this.ends = e;
    const f = new Uint8Array(n); f.set(this.flags); this.flags = f;
  }
}

export const QUOTED = 1;
export const ESCAPED = 2;
export const MALFORMED = 4;

const QUOTE = 34;
const SPACE = 32;
const TAB = 9;

/**
 * Splits the line `[start, end)` (no line break) at `sep` into `out`. Quoted cells (`"a,b"`,
 * `"say ""hi"""`) span their content without the quotes; text after a closing quote, or an
 * unterminated quote, marks the cell MALFORMED. With `trim`, spaces and tabs around unquoted
 * cells are dropped. Returns the number of cells.
 *
 * @example
 * splitCells(Buffer.from('"a","b c",3'), 0, 11, 44, false, spans) // => 3
 */
export function splitCells(buf: Uint8Array, start: number, end: number, sep: number, trim: boolean, out: CellSpans): number {
  let n = 0;
  let i = start;
  for (;;) {
    if (n === out.starts.length) out.grow();
    if (trim) while (i < end && (buf[i] === SPACE || buf[i] === TAB) && buf[i] !== sep) i++;
    let flags = 0;
    let cellStart: number;
    let cellEnd: number;
    if (i < end && buf[i] === QUOTE) {
      flags = QUOTED;
      cellStart = ++i;
      for (;;) {
        while (i < end && buf[i] !== QUOTE) i++;
        if (i >= end) {
          flags |= MALFORMED; // unterminated
          cellEnd = end;
          break;
        }
        if (i + 1 < end && buf[i + 1] === QUOTE) {
          flags |= ESCAPED;
          i += 2;
          continue;
        }
        cellEnd = i++;
        break;
      }
      if (trim) while (i < end && (buf[i] === SPACE || buf[i] === TAB) && buf[i] !== sep) i++;
      if (i < end && buf[i] !== sep) {
        flags |= MALFORMED;
        while (i < end && buf[i] !== sep) i++;
      }
    } else {
      cellStart = i;
      while (i < end && buf[i] !== sep) i++;
      cellEnd = i;
      if (trim) while (cellEnd > cellStart && (buf[cellEnd - 1] === SPACE || buf[cellEnd - 1] === TAB)) cellEnd--;
    }
    out.starts[n] = cellStart;
    out.ends[n] = cellEnd;
    out.flags[n] = flags;
    n++;
    if (i >= end) break;
    i++; // past the separator
  }
  out.count = n;
  return n;
}
