/**
 * Keeps secrets (bearer tokens, header values, URL passwords) out of everything hostplan
 * writes: errors, issues, logs and JSON output.
 */

/**
 * The secret strings of an endpoint's options, longest first, for {@link redactText}.
 *
 * @example
 * promSecretsOf({ bearerToken: 'tok', headers: { 'X-Scope-OrgID': 'acme' } }) // => ['acme', 'tok']
 */
export function promSecretsOf(options: { bearerToken?: string; headers?: Readonly<Record<string, string>>; url?: string }): string[] {
  const out: string[] = [];
  if (options.bearerToken) out.push(options.bearerToken);
  for (const v of Object.values(options.headers ?? {})) if (v) out.push(v);
  if (options.url) {
    try {
      const u = new URL(options.url);
      if (u.password) out.push(decodeURIComponent(u.password), u.password);
      if (u.username) out.push(decodeURIComponent(u.username), u.username);
      // what Basic auth sends (base64 of user:password), found by its encoded forms
      if (u.password) out.push(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`);
    } catch {
      // an invalid URL is reported elsewhere
    }
  }
  return [...new Set(out.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
}

/**
 * Replaces every occurrence of each secret with `***`, in every form hostplan or a server may
 * print it: as written, URL-encoded (`%20` or `+` for a space), JSON-escaped, and base64 or
 * base64url (at any of the three byte alignments, so inside a longer base64 text such as
 * `Basic dXNlcjpwdw==` too; only the characters that depend on the secret alone are replaced,
 * and only secrets long enough to give six of them).
 *
 * @example
 * redactText('Authorization: Bearer s3cr3t', ['s3cr3t']) // => 'Authorization: Bearer ***'
 * redactText('echo: c2VjcmV0LXRva2Vu', ['secret-token']) // => 'echo: ***'
 */
export function redactText(text: string, secrets: readonly string[]): string {
  if (secrets.length === 0 || text.length === 0) return text;
  return text.replace(redactionPattern(secrets), '***');
}

let cached: { readonly key: string; readonly pattern: RegExp } | undefined;

/** One alternation of every form of every secret, longest first (cached for the last list). */
function redactionPattern(secrets: readonly string[]): RegExp {
  const key = JSON.stringify(secrets);
  if (cached?.key === key) return cached.pattern;
  const forms = new Set<string>();
  for (const s of secrets) {
    const base64 = base64Cores(s);
    for (const f of [s, encodeURIComponent(s), encodeURIComponent(s).replace(/%20/g, '+'), JSON.stringify(s).slice(1, -1), ...base64]) {
      if (f.length > 0) forms.add(f);
    }
    for (const b of base64) {
      const url = b.replace(/\+/g, '-').replace(/\//g, '_');
      forms.add(url);
      forms.add(encodeURIComponent(b));
    }
  }
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(alternatives.join('|'), 'g');
  cached = { key, pattern };
  return pattern;
}

/** Base64 characters that depend only on the secret's bytes, for each alignment; short ones left out. */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes, Buffer.alloc(3)]).toString('base64');
    let first = -1;
    let last = -1;
    // character i carries bits 6i..6i+5 of the byte stream
    for (let i = 0; i < encoded.length; i++) {
      const from = Math.floor((6 * i) / 8);
      const to = Math.floor((6 * i + 5) / 8);
      if (from >= shift && to < shift + bytes.length) {
        if (first < 0) first = i;
        last = i;
      }
    }
    if (first >= 0 && last - first + 1 >= 6) {
      out.push(encoded.slice(first, last + 1));
      // the secret at the end of the encoded text: its last characters and the padding too
      out.push(Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64').slice(first));
    }
  }
  return out;
}

/**
 * A URL fit to show: no user name or password, no query string.
 *
 * @example
 * redactedUrl('https://u:p@prom.example/api/v1/query?x=1') // => 'https://prom.example/api/v1/query'
 */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}
