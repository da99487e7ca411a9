// Issue 7: the API reference is generated from the doc comments (typedoc.json) and must build
// without a warning (every export documented, every {@link} resolved, every linked file a
// file), keep the house style (an @example on every exported function, a @defaultValue on every
// optional option field) and highlight every code fence; the hand-written markdown must not link
// to files or headings that do not exist. typedoc converts and validates only (no HTML written):
// about 10 s of the file's 15-20 s on 2 cores.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Application, Comment, Logger, LogLevel, ReflectionKind, type DeclarationReflection, type DocumentReflection, type ProjectReflection, type Reflection } from 'typedoc';
import { beforeAll, describe, expect, it } from 'vitest';
import { brokenRelativeLinks, codeFences, headingAnchors, isExternal, markdownLinks } from './markdownLinks.js';
import { indexSections } from '../../scripts/typedoc-groups.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rel = (file: string) => relative(root, file).split('\\').join('/');

/** Keeps every warning and error typedoc reports, instead of printing them. */
class CollectingLogger extends Logger {
  readonly messages: { level: 'warning' | 'error'; message: string }[] = [];
  override log(message: string, level: LogLevel): void {
    super.log(message, level); // counts errors and warnings
    if (level === LogLevel.Warn) this.messages.push({ level: 'warning', message });
    if (level === LogLevel.Error) this.messages.push({ level: 'error', message });
  }
}

/** README.md, docs/*.md and packages/*\/README.md: the markdown a reader of the repo follows. */
function markdownFiles(): string[] {
  const md = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => join(dir, f)) : []);
  const packages = readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p, 'README.md')).filter((f) => existsSync(f));
  return [join(root, 'README.md'), ...md(join(root, 'docs')), ...packages];
}

/** Every .ts file under packages/*\/src (doc comments may hold code fences too). */
function sourceFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  return readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p, 'src')).filter((d) => existsSync(d)).flatMap(walk);
}

describe('markdownLinks(text) and friends (the checker itself)', () => {
  it.each([
    // [markdown, targets found]
    ['[a](docs/model.md)', ['docs/model.md']],
    ['![chart](img/c.svg "a title")', ['img/c.svg']],
    ['[a](<with space.md>) and [b](https://example.com/x)', ['with space.md', 'https://example.com/x']],
    ['[ref]: ./packages/core/schema/host.schema.json "Host"', ['./packages/core/schema/host.schema.json']],
    ['code span: `[not](a-link.md)` only', []],
    ['```md\n[not](in-a-fence.md)\n```\n[yes](after.md)', ['after.md']],
    ['~~~\n```\n[still](fenced.md)\n~~~', []],
  ] as const)('markdownLinks(%j) finds %j', (text, targets) => {
    expect(markdownLinks(text).map((l) => l.target)).toEqual(targets);
  });

  it('markdownLinks(text) reports 1-based lines', () => {
    expect(markdownLinks('one\n\nthree [x](x.md)')).toEqual([{ target: 'x.md', line: 3 }]);
  });

  it('codeFences(text) lists each fence language once (closing fences are not fences)', () => {
    expect(codeFences('```json\n{}\n```\n\n```\nplain\n```\n````csv\na\n```\nb\n````')).toEqual([
      { language: 'json', line: 1 },
      { language: '', line: 5 },
      { language: 'csv', line: 8 },
    ]);
  });

  it('headingAnchors(text) slugs as GitHub does, numbering repeats', () => {
    expect([...headingAnchors('# Input formats\n## VMs (CSV or JSON)\n### `--prometheus` mode\n## VMs (CSV or JSON)')]).toEqual([
      'input-formats',
      'vms-csv-or-json',
      '--prometheus-mode',
      'vms-csv-or-json-1',
    ]);
  });

  it('brokenRelativeLinks(file, text) finds missing files and anchors, and accepts what exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostplan-links-'));
    try {
      mkdirSync(join(dir, 'docs'));
      writeFileSync(join(dir, 'docs', 'model.md'), '# Model\n\n## Units and sources\n');
      const readme = join(dir, 'README.md');
      const text = [
        '# Readme', //                                              line 1
        '[ok](docs/model.md) [folder](docs) [anchor](docs/model.md#units-and-sources)', // 2: all fine
        '[gone](docs/missing.md)', //                                 3: no such file
        '[bad anchor](docs/model.md#nope)', //                        4: no such heading
        '[self](#readme) [self bad](#nowhere) [web](https://example.com/x.md)', // 5: one bad, web skipped
      ].join('\n');
      expect(brokenRelativeLinks(readme, text).map((p) => p.replaceAll(dir, '<dir>'))).toEqual([
        '3: docs/missing.md -> <dir>/docs/missing.md does not exist',
        '4: docs/model.md#nope -> no heading #nope in <dir>/docs/model.md',
        '5: #nowhere -> no heading #nowhere in <dir>/README.md',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('isExternal(target) tells URLs from repository paths', () => {
    expect(['https://x.org', 'mailto:a@b.c', '//cdn/x.js', 'docs/model.md', '#units', '../README.md'].map(isExternal)).toEqual([true, true, true, false, false, false]);
  });
});

describe('markdown links (README.md, docs/*.md, packages/*/README.md)', () => {
  const files = markdownFiles();

  it('the files to check exist (README.md and docs/model.md at least)', () => {
    expect(files.map(rel)).toEqual(expect.arrayContaining(['README.md', 'docs/model.md']));
  });

  it('every relative link names a file or folder that exists, and its #anchor a heading of it', () => {
    const broken = files.flatMap((file) => brokenRelativeLinks(file, readFileSync(file, 'utf8')).map((p) => `${rel(file)}:${p.replaceAll(root, '')}`));
    expect(broken, `broken relative links:\n${broken.join('\n')}`).toEqual([]);
  });

  it('external links are well-formed URLs (listed, not fetched)', () => {
    const external = files.flatMap((file) => markdownLinks(readFileSync(file, 'utf8')).filter((l) => isExternal(l.target)).map((l) => ({ ...l, file: rel(file) })));
    if (external.length) console.info(`external links (not fetched):\n${external.map((l) => `  ${l.file}:${l.line}: ${l.target}`).join('\n')}`);
    const malformed = external.filter((l) => !URL.canParse(l.target.startsWith('//') ? `https:${l.target}` : l.target));
    expect(malformed.map((l) => `${l.file}:${l.line}: ${l.target}`)).toEqual([]);
  });
});

describe('API reference (typedoc.json, no output written)', () => {
  let app: Application;
  let logger: CollectingLogger;
  let project: ProjectReflection | undefined;

  beforeAll(async () => {
    // with plugins: scripts/typedoc-groups.mjs tags every export with its group and adds the group pages
    app = await Application.bootstrapWithPlugins({ options: join(root, 'typedoc.json'), emit: 'none' });
    // problems with the options themselves were printed by typedoc's own logger
    expect(app.logger.errorCount, 'typedoc.json could not be read (see the output above)').toBe(0);
    logger = new CollectingLogger();
    app.logger = logger;
    project = await app.convert();
    if (project) app.validate(project);
  });

  it('converts the four packages', () => {
    expect(project, logger.messages.map((m) => m.message).join('\n')).toBeDefined();
    expect(project!.children?.map((c) => c.name).sort()).toEqual(['bench/src', 'cli/src', 'core/src', 'report/src']);
  });

  it('reports 0 errors and 0 warnings (every export documented, every link resolved)', () => {
    const listed = logger.messages.map((m) => `[${m.level}] ${m.message}`).join('\n');
    expect(logger.messages, `typedoc found ${logger.errorCount} error(s) and ${logger.warningCount} warning(s):\n${listed}`).toEqual([]);
    expect([logger.errorCount, logger.warningCount]).toEqual([0, 0]);
  });

  it('house style: every exported function has an @example', () => {
    const functions = project!.getReflectionsByKind(ReflectionKind.Function) as DeclarationReflection[];
    expect(functions.length).toBeGreaterThan(100);
    const without = functions
      .filter((f) => !f.comment?.getTag('@example') && !(f.signatures ?? []).some((s) => s.comment?.getTag('@example')))
      .map((f) => f.getFullName());
    expect(without, `exported functions without an @example:\n${without.join('\n')}`).toEqual([]);
  });

  it('house style: every optional field of an exported *Options interface has a @defaultValue', () => {
    const options = (project!.getReflectionsByKind(ReflectionKind.Interface) as DeclarationReflection[]).filter((i) => i.name.endsWith('Options'));
    expect(options.length).toBeGreaterThan(10);
    const without = options.flatMap((i) =>
      (i.children ?? []).filter((c) => c.flags.isOptional && !c.inheritedFrom && !c.comment?.getTag('@defaultValue')).map((c) => c.getFullName()),
    );
    expect(without, `optional option fields without a @defaultValue:\n${without.join('\n')}`).toEqual([]);
  });

  describe('one page per group and an overview (typedoc.json hostplanGroups, scripts/typedoc-groups.mjs)', () => {
    const groups = () => Object.keys((app.options.getValue('hostplanGroups' as never) as { groups: Record<string, string> }).groups);
    const documents = () => (project!.documents ?? []) as DocumentReflection[];
    const groupOf = (r: DeclarationReflection) => {
      const comments = [r.comment, ...(r.signatures ?? []).map((s) => s.comment)].filter((c): c is Comment => c !== undefined);
      return comments.flatMap((c) => c.blockTags.filter((t) => t.tag === '@group').map((t) => Comment.combineDisplayParts(t.content).trim()));
    };
    const exported = () => (project!.children ?? []).flatMap((m) => (m.children ?? []).map((c) => ({ module: m.name, reflection: c })));
    const linked = (doc: DocumentReflection) => doc.content.flatMap((p) => (p.kind === 'inline-tag' && typeof p.target === 'object' && p.target !== null && 'id' in p.target ? [p.target as Reflection] : []));

    it('groups by what users do, model to command line', () => {
      expect(groups()).toEqual(['Model', 'Inputs', 'Measurement', 'Capacity', 'Placement', 'Failover', 'Cost', 'Sizing', 'Reports', 'Command line']);
    });

    it('adds an Overview page and one page per group, and nothing else', () => {
      expect(documents().map((d) => d.name).sort()).toEqual(['Overview', ...groups()].sort());
    });

    it('tags every exported symbol of the four packages with exactly one of the groups', () => {
      const symbols = exported();
      expect(symbols.length).toBeGreaterThan(300);
      const wrong = symbols.filter(({ reflection }) => {
        const tags = groupOf(reflection);
        return tags.length !== 1 || !groups().includes(tags[0]!);
      });
      expect(wrong.map(({ module, reflection }) => `${module}.${reflection.name}: ${JSON.stringify(groupOf(reflection))}`)).toEqual([]);
    });

    it("each group's page links exactly the symbols tagged with that group", () => {
      for (const group of groups()) {
        const page = documents().find((d) => d.name === group)!;
        const expected = exported().filter(({ reflection }) => groupOf(reflection)[0] === group).map(({ reflection }) => reflection.id).sort((a, b) => a - b);
        expect(expected.length, group).toBeGreaterThan(0);
        expect(linked(page).map((r) => r.id).sort((a, b) => a - b), group).toEqual(expected);
      }
    });

    it('the Overview links every group page, in the order of typedoc.json', () => {
      const overview = documents().find((d) => d.name === 'Overview')!;
      expect(linked(overview).map((r) => r.name)).toEqual(groups());
    });

    it("core's placement functions and the readers land on the pages a user looks for them on", () => {
      const groupOfName = (module: string, name: string) => groupOf(exported().find((s) => s.module === module && s.reflection.name === name)!.reflection)[0];
      expect([groupOfName('core/src', 'placeVms'), groupOfName('core/src', 'checkFailover'), groupOfName('core/src', 'sizeFarm'), groupOfName('core/src', 'quote'), groupOfName('bench/src', 'loadVms'), groupOfName('bench/src', 'measureDemand'), groupOfName('report/src', 'renderHtmlReport'), groupOfName('cli/src', 'main')])
        .toEqual(['Placement', 'Failover', 'Sizing', 'Cost', 'Inputs', 'Measurement', 'Reports', 'Command line']);
    });
  });

  it('every code fence of the README and the doc comments is in a language typedoc highlights', async () => {
    // typedoc warns about these only while rendering HTML, which this test does not do; it loads
    // the highlightLanguages (with their aliases: `sh` is bash) and treats txt/text and
    // ignoredHighlightLanguages as plain. The aliases come from typedoc's own copy of shiki.
    const fromTypedoc = createRequire(createRequire(import.meta.url).resolve('typedoc'));
    const shiki = (await import(pathToFileURL(fromTypedoc.resolve('@gerrit0/mini-shiki')).href)) as { bundledLanguagesInfo: { id: string; aliases?: string[] }[] };
    const loaded = new Set(['txt', 'text', ...app.options.getValue('ignoredHighlightLanguages')]);
    for (const name of app.options.getValue('highlightLanguages')) {
      const info = shiki.bundledLanguagesInfo.find((l) => l.id === name || l.aliases?.includes(name));
      for (const n of [name, ...(info ? [info.id, ...(info.aliases ?? [])] : [])]) loaded.add(n);
    }
    const missing: string[] = [];
    for (const file of [join(root, 'README.md'), ...sourceFiles()]) {
      const text = readFileSync(file, 'utf8');
      // in a .ts file fences live in doc comments: drop the leading ` * ` of comment lines
      const body = file.endsWith('.ts') ? text.replace(/^\s*\*\s?/gm, '') : text;
      for (const { language, line } of codeFences(body)) {
        if (language !== '' && !loaded.has(language)) missing.push(`${rel(file)}:${line}: ${language}`);
      }
    }
    expect(missing, `code fences typedoc would not highlight (add the language to highlightLanguages in typedoc.json):\n${missing.join('\n')}`).toEqual([]);
  });
});

describe('indexSections(text) (scripts/typedoc-groups.mjs)', () => {
  it('assigns each exported name the label of the "// Label: ..." comment before it', () => {
    const text = [
      '// @hostplan/x: a package header is no section',
      "export { early } from './a.js';",
      '// Model: the things',
      "export { Host, type Vm } from './model.js';",
      "// a lower-case note: not a section",
      "export { show as describe } from './errors.js';",
      '',
      '// Placement: where VMs go',
      'export {',
      '  placeVms,',
      '  type Plan,',
      "} from './place.js';",
      "export type { Score } from './score.js';",
    ].join('\n');
    expect([...indexSections(text)]).toEqual([
      ['early', null],
      ['Host', 'Model'],
      ['Vm', 'Model'],
      ['describe', 'Model'],
      ['placeVms', 'Placement'],
      ['Plan', 'Placement'],
      ['Score', 'Placement'],
    ]);
  });
});
