import type { Io } from './io.js';

/**
 * Control characters a terminal may act on: C0 (but tab and line feed), DEL, C1, and the
 * Unicode bidirectional overrides and isolates (text that reads differently than it is).
 * A carriage return is matched too, and kept by {@link terminalSafe} only where it ends a
 * line (CRLF, as CSV writes) or starts or ends a chunk (a progress bar redrawing its line).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text as it may reach a terminal: every control character that input (an id, a file name, a
 * message) could smuggle in, such as ESC sequences that recolour, move the cursor or set the
 * window title, is written as a visible `\u001b` escape instead; tab and line feed stay, CR only
 * before LF or at either end of the chunk. Inside JSON strings the escape is the same character
 * (JSON reads `\u001b` back as it was). O(length).
 *
 * @example
 * terminalSafe('vm\u001b[2J01\n') // => 'vm\\u001b[2J01\n'
 */
export function terminalSafe(chunk: string): string {
  return chunk.replace(CONTROL, (c, offset: number) => {
    if (c === '\r' && (offset === 0 || offset === chunk.length - 1 || chunk[offset + 1] === '\n')) return c;
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/**
 * The same {@link Io} with every write to standard output and standard error passed through
 * {@link terminalSafe}.
 *
 * @example
 * const safe = terminalSafeIo(io); safe.stdout.write('\u001b]0;owned\u0007'); // writes '\\u001b]0;owned\\u0007'
 */
export function terminalSafeIo(io: Io): Io {
  return {
    ...io,
    stdout: { write: (chunk: string) => io.stdout.write(terminalSafe(chunk)) },
    stderr: { write: (chunk: string) => io.stderr.write(terminalSafe(chunk)) },
  };
}
