/**
 * The character offset where a JSON text stops being valid JSON, or -1 when it is valid.
 * Node's `JSON.parse` does not always say where; this recursive-descent scan does. O(n).
 *
 * @example
 * jsonErrorOffset('{"a": }') // => 6
 */
export function jsonErrorOffset(text: string): number {
  const scan = new JsonScanner(text);
  try {
    scan.value();
    scan.ws();
    return scan.i < text.length ? scan.i : -1;
  } catch (at) {
    // a number is the offset of the first invalid character; anything else (a stack overflow on deep nesting) says 0
    return typeof at === 'number' ? at : 0;
  }
}

/** A JSON grammar walk that only moves `i` forward, throwing `i` where the text leaves the grammar. */
class JsonScanner {
  i = 0;

  constructor(private readonly text: string) {}

  ws(): void {
    const text = this.text;
    while (this.i < text.length && ' \t\n\r'.includes(text[this.i]!)) this.i++;
  }

  private fail(): never {
    throw this.i;
  }

  value(): void {
    this.ws();
    const c = this.text[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === 't') return this.literal('true');
    if (c === 'f') return this.literal('false');
    if (c === 'n') return this.literal('null');
    return this.number();
  }

  private object(): void {
    this.i++;
    this.ws();
    if (this.text[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      this.string();
      this.ws();
      if (this.text[this.i] !== ':') this.fail();
      this.i++;
      this.value();
      if (this.closesList('}')) return;
    }
  }

  private array(): void {
    this.i++;
    this.ws();
    if (this.text[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value();
      if (this.closesList(']')) return;
    }
  }

  /** After a member: a `,` (false: another follows) or the closing bracket (true); anything else fails. */
  private closesList(close: string): boolean {
    this.ws();
    const c = this.text[this.i];
    if (c !== ',' && c !== close) this.fail();
    this.i++;
    return c === close;
  }

  private literal(word: string): void {
    if (this.text.startsWith(word, this.i)) this.i += word.length;
    else this.fail();
  }

  private string(): void {
    const text = this.text;
    if (text[this.i] !== '"') this.fail();
    this.i++;
    while (this.i < text.length && text[this.i] !== '"') {
      if (text.charCodeAt(this.i) < 0x20) this.fail();
      if (text[this.i] === '\\') this.escape();
      this.i++;
    }
    if (text[this.i] !== '"') this.fail();
    this.i++;
  }

  /** At a backslash: steps onto the escape's last character (`n`, or the 4th hex digit of `\uXXXX`). */
  private escape(): void {
    const text = this.text;
    this.i++;
    if (text[this.i] === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(text.slice(this.i + 1, this.i + 5))) this.fail();
      this.i += 4;
    } else if (!'"\\/bfnrt'.includes(text[this.i] ?? '')) this.fail();
  }

  private number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(this.text.slice(this.i, this.i + 400));
    if (!m) this.fail();
    this.i += m[0].length;
  }
}
