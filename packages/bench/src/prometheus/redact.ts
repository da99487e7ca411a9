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
    } catch {
      // an invalid URL is reported elsewhere
    }
  }
  return [...new Set(out.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
}

/**
 * Replaces every occurrence of each secret (and of its URL-encoded form) with `***`.
 *
 * @example
 * redactText('Authorization: Bearer s3cr3t', ['s3cr3t']) // => 'Authorization: Bearer ***'
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join('***');
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
