/** Stable codes of {@link HostplanError}; callers may switch on them. */
export type ErrorCode =
  | 'invalid-value'
  | 'invalid-unit'
  | 'missing-field'
  | 'unknown-field'
  | 'unknown-platform'
  | 'duplicate-id'
  | 'invalid-formula'
  | 'parse-error'
  | 'internal-error';

/**
 * The one error type hostplan throws, for misuse and invalid input only (an expected outcome
 * such as a VM that fits nowhere is a result, never an exception).
 *
 * `path` names the offending field, e.g. `hosts[3].memoryGB` or `policy.reserves.cpuPercent`;
 * a file reader prefixes it with `file:line:column`.
 *
 * @example
 * try { parseQuantity('64 parsecs', 'memoryMB', 'vms[0].memoryGB') }
 * catch (e) { (e as HostplanError).code } // => 'invalid-unit'
 */
export class HostplanError extends Error {
  override readonly name = 'HostplanError';
  constructor(
    readonly code: ErrorCode,
    readonly path: string,
    message: string,
    readonly expected?: string,
    readonly received?: unknown,
  ) {
    super(path ? `${path}: ${message}` : message);
  }
}

/**
 * Throws a {@link HostplanError} with code `invalid-value` at `path`, saying what was expected
 * and what was received (strings quoted and cut, objects by kind only). Typed `never`, so it ends a branch.
 *
 * @example
 * invalid('hosts[0].sockets', 'a whole number', 1.5)
 * // throws HostplanError: hosts[0].sockets: expected a whole number, got 1.5
 */
export function invalid(path: string, expected: string, received: unknown): never {
  throw new HostplanError('invalid-value', path, `expected ${expected}, got ${show(received)}`, expected, received);
}

/**
 * A short, safe rendering of a received value for error messages: strings quoted and cut at
 * 60 characters, numbers, booleans, null and undefined as written, arrays and objects by kind
 * only (never their content).
 *
 * @example
 * [show('64 parsecs'), show(1.5), show([1, 2]), show({ a: 1 })]
 * // => ['"64 parsecs"', '1.5', 'an array', 'an object']
 */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (Array.isArray(value)) return 'an array';
  return 'an object';
}
