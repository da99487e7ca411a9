// Link and code-fence extraction for the documentation check (docs.test.ts): just enough
// CommonMark for the project's own markdown, no dependency.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** One link target found in a markdown file. */
export interface MarkdownLink {
  /** The target as written, without angle brackets or title. */
  readonly target: string;
  /** 1-based line of the link. */
  readonly line: number;
}

/** One fenced code block's opening line. */
export interface CodeFence {
  /** The info string's first word, lower case; '' when the fence has none. */
  readonly language: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/;
// [text](target "title") and ![alt](target), the target possibly in <angle brackets>
const INLINE = /!?\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
// [label]: target "title"
const REFERENCE = /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/;

/**
 * The lines of a markdown text with fenced code blocks blanked out (their fences reported
 * apart) and, unless `keepCodeSpans`, inline code spans removed, so that neither yields links.
 */
function proseLines(text: string, keepCodeSpans = false): { lines: string[]; fences: CodeFence[] } {
  const lines: string[] = [];
  const fences: CodeFence[] = [];
  let open: string | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const m = FENCE.exec(raw);
    if (open === null && m) {
      open = m[1]!;
      fences.push({ language: (m[2] ?? '').toLowerCase(), line: i + 1 });
      lines.push('');
    } else if (open !== null) {
      if (m && m[1]!.startsWith(open) && m[1]![0] === open[0] && (m[2] ?? '') === '') open = null;
      lines.push('');
    } else {
      lines.push(keepCodeSpans ? raw : raw.replace(/(`+)(?:(?!\1).)+?\1/g, ''));
    }
  });
  return { lines, fences };
}

/**
 * Every link target of a markdown text (inline links, images, reference definitions), outside
 * code blocks and code spans.
 *
 * @example
 * markdownLinks('See [model](docs/model.md#units) and `[not](a link)`.')
 * // => [{ target: 'docs/model.md#units', line: 1 }]
 */
export function markdownLinks(text: string): MarkdownLink[] {
  const out: MarkdownLink[] = [];
  proseLines(text).lines.forEach((line, i) => {
    const ref = REFERENCE.exec(line);
    if (ref) out.push({ target: unbracket(ref[1]!), line: i + 1 });
    else for (const m of line.matchAll(INLINE)) out.push({ target: unbracket(m[1]!), line: i + 1 });
  });
  return out;
}

/**
 * The opening line and language of every fenced code block of a markdown text.
 *
 * @example
 * codeFences('```csv\na,b\n```').map((f) => f.language) // => ['csv']
 */
export function codeFences(text: string): CodeFence[] {
  return proseLines(text).fences;
}

/**
 * The anchors GitHub gives a markdown file's headings: lower case, punctuation other than
 * `-` and `_` dropped, spaces turned into `-`; a repeated heading gets `-1`, `-2`...
 *
 * @example
 * [...headingAnchors('# Input formats\n## Hosts (JSON)\n## Hosts (JSON)')]
 * // => ['input-formats', 'hosts-json', 'hosts-json-1']
 */
export function headingAnchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of proseLines(text, true).lines) {
    const m = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = m[1]!
      .replace(/<[^>]+>/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** True for a target with a scheme (`https:`, `mailto:`...) or a protocol-relative `//host`. */
export function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');
}

function unbracket(target: string): string {
  return target.startsWith('<') && target.endsWith('>') ? target.slice(1, -1) : target;
}

/**
 * The relative links of one markdown file that do not resolve: the path (relative to the file)
 * names nothing on disk, or its `#anchor` is no heading of the markdown file it names (an
 * anchor alone refers to the file itself). External links are skipped. One line per problem,
 * `line: target -> why`.
 *
 * @example
 * brokenRelativeLinks('/repo/README.md', 'See [x](docs/missing.md).')
 * // => ['1: docs/missing.md -> /repo/docs/missing.md does not exist']
 */
export function brokenRelativeLinks(file: string, text: string): string[] {
  const broken: string[] = [];
  for (const { target, line } of markdownLinks(text)) {
    if (isExternal(target)) continue;
    const hash = target.indexOf('#');
    const pathPart = hash === -1 ? target : target.slice(0, hash);
    const anchor = hash === -1 ? '' : target.slice(hash + 1);
    const path = decodeURIComponent(pathPart.split('?')[0]!);
    const resolved = path === '' ? file : resolve(dirname(file), path);
    if (path !== '' && !existsSync(resolved)) {
      broken.push(`${line}: ${target} -> ${resolved} does not exist`);
    } else if (anchor && resolved.endsWith('.md') && (resolved === file || statSync(resolved).isFile())) {
      const anchors = resolved === file ? headingAnchors(text) : headingAnchors(readFileSync(resolved, 'utf8'));
      if (!anchors.has(decodeURIComponent(anchor).toLowerCase())) broken.push(`${line}: ${target} -> no heading #${anchor} in ${resolved}`);
    }
  }
  return broken;
}
