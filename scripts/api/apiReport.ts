import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The packages whose public API is reported, in layer order. */
export const API_PACKAGES = ['core', 'bench', 'report', 'cli'] as const;
/** Every entry point reported: the packages, and core's subpath for hostplan's own packages (not public). */
export const API_ENTRIES = ['core', 'core-internal', 'bench', 'report', 'cli'] as const;
export type ApiPackage = (typeof API_ENTRIES)[number];

/** An entry's source file (repo-relative) and the import specifier users write. */
function entryOf(entry: ApiPackage): { file: string; specifier: string } {
  return entry === 'core-internal'
    ? { file: 'packages/core/src/internal.ts', specifier: '@hostplan/core/internal' }
    : { file: `packages/${entry}/src/index.ts`, specifier: `@hostplan/${entry}` };
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FLAGS = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseFullyQualifiedType;

/** One program over the four packages' src/index.ts, resolved as the tests resolve them (source condition). */
function createProgram(): ts.Program {
  const config = ts.getParsedCommandLineOfConfigFile(`${ROOT}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
  if (!config) throw new Error('cannot read tsconfig.json');
  return ts.createProgram(API_ENTRIES.map((e) => `${ROOT}${entryOf(e).file}`), { ...config.options, noEmit: true });
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').replace(/\s*;\s*}/g, ' }').trim();

function members(checker: ts.TypeChecker, symbol: ts.Symbol, node: ts.Node): string[] {
  const type = checker.getDeclaredTypeOfSymbol(symbol);
  return checker.getPropertiesOfType(type).map((p) => {
    const optional = p.flags & ts.SymbolFlags.Optional ? '?' : '';
    const decl = p.valueDeclaration ?? p.declarations?.[0];
    const modifiers = decl && ts.getCombinedModifierFlags(decl as ts.Declaration) & ts.ModifierFlags.Readonly ? 'readonly ' : '';
    if (p.flags & ts.SymbolFlags.Method) {
      const sigs = checker.getSignaturesOfType(checker.getTypeOfSymbolAtLocation(p, node), ts.SignatureKind.Call);
      return sigs.map((s) => `  ${p.name}${checker.signatureToString(s, node, FLAGS)};`).join('\n');
    }
    return `  ${modifiers}${p.name}${optional}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(p, node), node, FLAGS)};`;
  });
}

function render(checker: ts.TypeChecker, exported: ts.Symbol): string {
  const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const name = exported.name;
  const decl = symbol.declarations?.[0];
  if (!decl) return `unknown ${name}`;
  const out: string[] = [];
  if (symbol.flags & ts.SymbolFlags.Function) {
    for (const sig of checker.getSignaturesOfType(checker.getTypeOfSymbolAtLocation(symbol, decl), ts.SignatureKind.Call)) {
      out.push(`function ${name}${checker.signatureToString(sig, decl, FLAGS)}`);
    }
  }
  if (symbol.flags & ts.SymbolFlags.Class) {
    const ctor = checker.getSignaturesOfType(checker.getTypeOfSymbolAtLocation(symbol, decl), ts.SignatureKind.Construct);
    out.push(`class ${name} {`, ...ctor.map((s) => `  constructor${checker.signatureToString(s, decl, FLAGS).replace(/: [^:]*$/, '')};`), ...members(checker, symbol, decl), '}');
  }
  if (symbol.flags & ts.SymbolFlags.Interface) out.push(`interface ${name} {`, ...members(checker, symbol, decl), '}');
  if (symbol.flags & ts.SymbolFlags.TypeAlias && ts.isTypeAliasDeclaration(decl)) {
    out.push(`type ${name}${decl.typeParameters ? `<${decl.typeParameters.map((t) => t.getText()).join(', ')}>` : ''} = ${oneLine(decl.type.getText())}`);
  }
  if (symbol.flags & ts.SymbolFlags.Variable) out.push(`const ${name}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, decl), decl, FLAGS)}`);
  if (symbol.flags & ts.SymbolFlags.Enum) out.push(`enum ${name}`);
  return out.length ? out.join('\n') : `unknown ${name}`;
}

/**
 * The API report of each package: every symbol its src/index.ts exports with its kind and
 * signature, sorted by name, as Markdown. A change to a package's public API changes its report.
 */
export function apiReports(): Record<ApiPackage, string> {
  const program = createProgram();
  const checker = program.getTypeChecker();
  const reports = {} as Record<ApiPackage, string>;
  for (const pkg of API_ENTRIES) {
    const { file: path, specifier } = entryOf(pkg);
    const file = program.getSourceFile(`${ROOT}${path}`);
    const moduleSymbol = file && checker.getSymbolAtLocation(file);
    if (!moduleSymbol) throw new Error(`cannot read ${path}`);
    const exports = checker.getExportsOfModule(moduleSymbol).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // types the compiler names by absolute path (import("/repo/packages/...")) are written repo-relative,
    // so the report is the same in every checkout
    const body = exports.map((s) => render(checker, s)).join('\n\n').split(ROOT).join('');
    reports[pkg] = [
      pkg === 'core-internal' ? `# ${specifier}: for hostplan's own packages, not public` : `# ${specifier}: public API`,
      '',
      `Generated by \`npm run api\` from ${path}; a test compares it. ${exports.length} exports.`,
      '',
      '```ts',
      body,
      '```',
      '',
    ].join('\n');
  }
  return reports;
}
