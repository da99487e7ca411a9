/**
 * The two hostile-server guards of one HTTP exchange (internal to the Prometheus client):
 * redirects followed by hand, so that the user's credentials never leave the endpoint's
 * origin, and bodies read as a counted stream that stops at a byte limit.
 */

/** Redirects followed per request before giving up (as browsers, a small number). */
export const PROM_MAX_REDIRECTS = 5;

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** One request as sent: target, method, headers and body. */
export interface Hop {
  readonly url: string;
  readonly method: 'POST' | 'GET';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

/** The response at the end of the redirects, or why there is none. */
export type Followed = { readonly res: Response } | { readonly failure: string };

/**
 * Sends `first` and follows up to {@link PROM_MAX_REDIRECTS} redirects. A hop to another
 * origin than the endpoint's carries only `plainHeaders` (no Authorization, no header the user
 * named, such as an API key): fetch's own redirect handling drops Authorization only. 301/302
 * after a POST and 303 become a GET without a body, as fetch does; 307/308 repeat the POST.
 */
export async function fetchFollowing(doFetch: typeof fetch, first: Hop, plainHeaders: Readonly<Record<string, string>>, signal: AbortSignal): Promise<Followed> {
  const origin = new URL(first.url).origin;
  let hop = first;
  let leftOrigin = false;
  for (let redirects = 0; ; redirects++) {
    const res = await doFetch(hop.url, { method: hop.method, headers: hop.headers, ...(hop.body !== undefined && { body: hop.body }), signal, redirect: 'manual' });
    const location = res.headers.get('location');
    if (!REDIRECT_STATUSES.has(res.status) || location === null) return { res };
    await res.body?.cancel().catch(() => undefined);
    if (redirects >= PROM_MAX_REDIRECTS) return { failure: `more than ${PROM_MAX_REDIRECTS} redirects` };
    let next: URL;
    try {
      next = new URL(location, hop.url);
    } catch {
      return { failure: `HTTP ${res.status} redirect to an invalid Location` };
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') return { failure: `HTTP ${res.status} redirect to a ${next.protocol} URL` };
    // once the request has left the endpoint's origin, it never carries credentials again
    leftOrigin ||= next.origin !== origin;
    const toGet = res.status === 303 || ((res.status === 301 || res.status === 302) && hop.method === 'POST');
    const headers: Record<string, string> = { ...(leftOrigin ? plainHeaders : hop.headers) };
    if (toGet) delete headers['Content-Type'];
    hop = { url: next.toString(), method: toGet ? 'GET' : hop.method, headers, body: toGet ? undefined : hop.body };
  }
}

/** A body as bytes, or the size at which it passed the limit. */
export type LimitedBody = { readonly bytes: Uint8Array } | { readonly tooLargeAt: number };

/**
 * Reads a response body chunk by chunk, counting bytes, and stops (cancelling the stream) as
 * soon as it passes `maxBytes`: an endless or huge answer costs at most `maxBytes` of memory.
 * A `Content-Length` above the limit is refused before any byte is read.
 */
export async function readLimited(res: Response, maxBytes: number): Promise<LimitedBody> {
  const declared = Number(res.headers.get('content-length'));
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    return { tooLargeAt: declared };
  }
  if (!res.body) return { bytes: new Uint8Array(0) };
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { tooLargeAt: total };
    }
    parts.push(value);
  }
  if (parts.length === 1) return { bytes: parts[0]! };
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return { bytes: out };
}
