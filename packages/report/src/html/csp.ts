import { createHash } from 'node:crypto';

/**
 * The Content-Security-Policy of the report: nothing external, no images, no connections, no
 * forms, no plugins; inline styles allowed; scripts only when their SHA-256 hash is listed (so an injected
 * `<script>` or `onerror=` attribute would not run even if escaping failed).
 *
 * @example
 * contentSecurityPolicy(['console.log(1)'])
 * // => "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-...'; base-uri 'none'; form-action 'none'"
 */
export function contentSecurityPolicy(scripts: readonly string[]): string {
  const hashes = scripts.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src ${hashes.length ? hashes.join(' ') : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
