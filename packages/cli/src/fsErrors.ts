/** What each file-system error code means, in words (node's messages carry the syscall, not the meaning). */
const REASONS: Readonly<Record<string, string>> = Object.freeze(Object.assign(Object.create(null) as Record<string, string>, {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EROFS: 'read-only file system',
  EEXIST: 'already exists',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'name too long',
  EFBIG: 'file too large',
  ELOOP: 'too many symbolic links',
  EBUSY: 'resource busy',
}));

/** A node file-system error: it has a string `code` starting with `E` and usually a `path`. */
export function isFsError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((e as NodeJS.ErrnoException).code!);
}

/**
 * One line for a file-system error: `cannot <verb> <path>: <meaning>`, the path the error
 * names (or `fallbackPath`), the meaning from its code (`permission denied`, `no space left on
 * the device`), never a stack trace.
 *
 * @example
 * fsErrorLine(Object.assign(new Error('x'), { code: 'EACCES', path: '/ro/out.html' }), 'write')
 * // => 'cannot write /ro/out.html: permission denied (EACCES)'
 */
export function fsErrorLine(e: NodeJS.ErrnoException, verb: 'read' | 'write', fallbackPath?: string): string {
  const path = e.path ?? fallbackPath ?? 'a file';
  const reason = (e.code && REASONS[e.code]) ?? e.message.split('\n')[0]!.replace(/^[A-Z]+: /, '');
  return `cannot ${verb} ${path}: ${reason} (${e.code})`;
}
