// typedoc plugin: the API reference by what users do. Each package index (src/index.ts) is
// written in sections, a `// Label: what it holds` comment before the exports it heads;
// typedoc.json's `hostplanGroups` maps each package's section labels to a user group (model,
// inputs, capacity, placement, failover, cost, sizing, measurement, reports, command line).
// The plugin tags every exported symbol with its group (`@group`, so each package page lists
// its symbols by group and the navigation shows the groups) and adds one page per group,
// linking its symbols package by package, and an Overview page linking the groups.
// A section whose label maps to no group, or an exported symbol in no section, is a warning,
// which the docs test turns into a failure: a new export takes a group as a decision in review.
import { readFileSync } from 'node:fs';
import { Comment, CommentTag, Converter, DocumentReflection, ParameterType, ReflectionKind } from 'typedoc';

const OPTION = 'hostplanGroups';

/** The name a package index's entry point gets in typedoc (`core/src`) from its file path. */
const moduleNameOf = (file) => file.replace(/\\/g, '/').replace(/^.*packages\//, '').replace(/\/index\.ts$/, '');

/**
 * Sections of an index file: each `// Label: ...` comment (a capitalised label before a colon)
 * starts one; every name an export statement after it exports (`x as y` exports y) is in it.
 */
export function indexSections(text) {
  const sections = new Map();
  let label = null;
  let statement = null;
  for (const line of text.split('\n')) {
    const heading = /^\/\/ ([A-Z][^:]*):/.exec(line);
    if (heading && statement === null) {
      label = heading[1].trim();
      continue;
    }
    if (statement === null && !/^export\b/.test(line)) continue;
    statement = statement === null ? line : `${statement}\n${line}`;
    if (!/;\s*$/.test(line)) continue;
    const braces = /\{([^}]*)\}/.exec(statement);
    for (const part of braces ? braces[1].split(',') : []) {
      const name = part.replace(/^\s*type\s+/, '').trim().split(/\s+as\s+/).pop()?.trim();
      if (!name) continue;
      if (!sections.has(name)) sections.set(name, label);
    }
    statement = null;
  }
  return sections;
}

/** The first sentence of a reflection's summary (its own comment, else its first signature's). */
function firstSentence(reflection) {
  const comment = reflection.comment ?? reflection.signatures?.[0]?.comment ?? reflection.type?.declaration?.signatures?.[0]?.comment;
  const text = comment ? Comment.combineDisplayParts(comment.summary).replace(/\s+/g, ' ').trim() : '';
  const end = text.search(/[.:](\s|$)/);
  return (end >= 0 ? text.slice(0, end + 1) : text).replace(/\.$/, '').replace(/:$/, '');
}

function addGroupTag(reflection, group) {
  const target = reflection.comment ?? reflection.signatures?.[0]?.comment ?? (reflection.comment = new Comment());
  target.blockTags = target.blockTags.filter((t) => t.tag !== '@group');
  target.blockTags.push(new CommentTag('@group', [{ kind: 'text', text: group }]));
}

const text = (t) => ({ kind: 'text', text: t });
const link = (name, target) => ({ kind: 'inline-tag', tag: '@link', text: name, target });

/** Loads the plugin: declares the `hostplanGroups` option and builds the group pages on conversion. */
export function load(app) {
  app.options.addDeclaration({
    name: OPTION,
    help: 'hostplan: { groups: { Name: description }, sections: { "core/src": { "Section label": "Group" } } } (see scripts/typedoc-groups.mjs)',
    type: ParameterType.Mixed,
    defaultValue: { groups: {}, sections: {} },
  });

  // before typedoc's GroupPlugin (priority -100) so that it sees the @group tags
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const { groups, sections } = app.options.getValue(OPTION);
    const project = context.project;
    const members = new Map(Object.keys(groups).map((g) => [g, []]));
    const entryPoints = app.options.getValue('entryPoints');
    for (const module of project.children ?? []) {
      const file = entryPoints.find((e) => moduleNameOf(e) === module.name);
      const labels = file ? indexSections(readFileSync(file, 'utf8')) : new Map();
      const table = sections[module.name] ?? {};
      for (const child of module.children ?? []) {
        const label = labels.get(child.name);
        const group = label === undefined ? undefined : (table[label] ?? table['*']);
        if (label === undefined) app.logger.warn(`${module.name}: ${child.name} is exported in no section of its index (a "// Label: ..." comment before it)`);
        else if (group === undefined || !members.has(group)) app.logger.warn(`${module.name}: section "${label}" (exporting ${child.name}) maps to no group of ${OPTION} in typedoc.json`);
        if (group === undefined || !members.has(group)) continue;
        addGroupTag(child, group);
        members.get(group).push({ module: module.name, reflection: child });
      }
    }
    const pages = new Map();
    for (const [group, list] of members) {
      const content = [text(`${groups[group]}\n`)];
      for (const module of [...new Set(list.map((m) => m.module))]) {
        content.push(text(`\n## @hostplan/${module.replace(/\/src$/, '')}\n\n`));
        for (const { reflection } of list.filter((m) => m.module === module)) {
          const kind = ReflectionKind.singularString(reflection.kind).toLowerCase();
          const summary = firstSentence(reflection);
          content.push(text('- '), link(reflection.name, reflection), text(` (${kind})${summary ? `: ${summary}` : ''}\n`));
        }
      }
      pages.set(group, addDocument(project, group, content));
    }
    const overview = [text('The public API of the four packages, by what a user does. Each group has its page; each package page lists its symbols by the same groups.\n\n')];
    for (const [group, list] of members) {
      const packages = [...new Set(list.map((m) => `@hostplan/${m.module.replace(/\/src$/, '')}`))].join(', ');
      overview.push(text('- '), link(group, pages.get(group)), text(`: ${groups[group]} (${list.length} symbols; ${packages || 'none'})\n`));
    }
    addDocument(project, 'Overview', overview);
  });
}

function addDocument(project, name, content) {
  const doc = new DocumentReflection(name, project, content, {});
  project.addChild(doc);
  project.registerReflection(doc, undefined, undefined);
  return doc;
}
