/**
 * What the docs present as importable is exported: every name of an `import { … } from 'cognito-sync-conformance…'`
 * (or a `const { … } = require(…)`) in README.md and docs/*.md, code blocks and prose alike, is an export of that
 * package entry's source file, types included. The entries are read from package.json's `exports`, so a subpath the
 * package does not have fails too. A renamed export, or a doc naming an internal function as the library's, fails
 * here instead of in a user's project.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const PACKAGE = 'cognito-sync-conformance';

/** One name a document imports, and from which specifier; `require` for a CommonJS destructuring. */
interface NamedImport {
  readonly name: string;
  readonly specifier: string;
  readonly require: boolean;
}

const importRe = new RegExp(
  String.raw`import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"](${PACKAGE}(?:/[\w./-]*)?)['"]`,
  'g',
);
const requireRe = new RegExp(
  String.raw`(?:const|let|var)\s+\{([^}]*)\}\s*=\s*(?:await\s+)?(require|import)\(\s*['"](${PACKAGE}(?:/[\w./-]*)?)['"]\s*\)`,
  'g',
);

/** The names in the braces of an import or a destructuring: `type X` is X, `a as b` is a, `a: b` is a. */
function names(braces: string): string[] {
  return braces
    .split(',')
    .map(
      (part) =>
        part
          .replace(/\/\/.*$/gm, '')
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+|\s*:\s*/)[0]
          ?.trim() ?? '',
    )
    .filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
}

/** Every name a Markdown text imports from this package. */
function importsOf(text: string): NamedImport[] {
  const found: NamedImport[] = [];
  for (const m of text.matchAll(importRe))
    for (const name of names(m[1] ?? '')) found.push({ name, specifier: m[2] ?? '', require: false });
  for (const m of text.matchAll(requireRe))
    for (const name of names(m[1] ?? '')) found.push({ name, specifier: m[3] ?? '', require: m[2] === 'require' });
  return found;
}

/** The source file behind a built path of package.json's `exports` (`./dist/cjs/index.cjs` → `cjs/index.cts`). */
const sourceOf = (built: string): string =>
  built
    .replace(/^\.\/dist\//, '')
    .replace(/\.cjs$/, '.cts')
    .replace(/\.js$/, '.ts');

type Conditions = string | { readonly [condition: string]: Conditions };
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, Conditions>;
};

/** The source entry for a specifier, as `import` or as `require` resolves it; undefined when there is none. */
function entryFor(specifier: string, asRequire: boolean): string | undefined {
  const subpath = '.' + specifier.slice(PACKAGE.length);
  const pick = (c: Conditions | undefined): string | undefined => {
    if (c === undefined || typeof c === 'string') return c;
    return pick(c[asRequire ? 'require' : 'import'] ?? c['default']);
  };
  const built = pick(pkg.exports[subpath]);
  return built === undefined || !built.startsWith('./dist/') ? undefined : sourceOf(built);
}

const entries = [
  ...new Set(
    Object.keys(pkg.exports).flatMap((subpath) =>
      [false, true].map((r) => entryFor(PACKAGE + subpath.slice(1), r)).filter((e) => e !== undefined),
    ),
  ),
];

/** The names each entry exports, types included, as TypeScript sees them (a CommonJS `export =` object's keys). */
function exportsOfEntries(): Map<string, Set<string>> {
  const program = ts.createProgram(
    entries.map((e) => join(root, e)),
    {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      allowImportingTsExtensions: true,
      esModuleInterop: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    },
  );
  const checker = program.getTypeChecker();
  const byEntry = new Map<string, Set<string>>();
  for (const entry of entries) {
    const file = program.getSourceFile(join(root, entry));
    const symbol = file && checker.getSymbolAtLocation(file);
    if (!symbol) throw new Error(`no module symbol for ${entry}`);
    const exportEquals = symbol.exports?.get(ts.InternalSymbolName.ExportEquals);
    const exported = exportEquals
      ? checker.getTypeOfSymbol(exportEquals).getProperties()
      : checker.getExportsOfModule(symbol);
    byEntry.set(entry, new Set(exported.map((s) => s.getName())));
  }
  return byEntry;
}

const docs = ['README.md', ...readdirSync(join(root, 'docs')).map((f) => `docs/${f}`)].filter((f) => f.endsWith('.md'));

describe('imports in the docs', () => {
  it('the patterns find named imports, types, renames and CommonJS destructuring', () => {
    const text = [
      "import { checkConformance, type RunResult, fc as fastCheck } from 'cognito-sync-conformance';",
      '```ts',
      'import {',
      '  judge, // the verdict',
      '  buildEvent,',
      "} from 'cognito-sync-conformance/model';",
      '```',
      "`import type { Check } from 'cognito-sync-conformance'`",
      "const { failureText, defineConfig: define } = require('cognito-sync-conformance');",
      "const { startEmulator } = await import('cognito-sync-conformance/emulator');",
      "import { something } from 'another-package';",
    ].join('\n');
    expect(importsOf(text).map((i) => `${i.specifier}${i.require ? ' (require)' : ''}: ${i.name}`)).toEqual([
      'cognito-sync-conformance: checkConformance',
      'cognito-sync-conformance: RunResult',
      'cognito-sync-conformance: fc',
      'cognito-sync-conformance/model: judge',
      'cognito-sync-conformance/model: buildEvent',
      'cognito-sync-conformance: Check',
      'cognito-sync-conformance (require): failureText',
      'cognito-sync-conformance (require): defineConfig',
      'cognito-sync-conformance/emulator: startEmulator',
    ]);
  });

  it('the entries are the sources behind package.json "exports"', () => {
    expect(entryFor(PACKAGE, false)).toBe('index.ts');
    expect(entryFor(PACKAGE, true)).toBe('cjs/index.cts');
    expect(entryFor(`${PACKAGE}/vitest`, false)).toBe('vitest/index.ts');
    expect(entryFor(`${PACKAGE}/internal`, false)).toBeUndefined();
  });

  const exported = exportsOfEntries();

  it('knows an export from a name that is not one', () => {
    expect(exported.get('index.ts')?.has('checkConformance')).toBe(true);
    expect(exported.get('index.ts')?.has('RunResult')).toBe(true);
    expect(exported.get('cjs/index.cts')?.has('failureText')).toBe(true);
    // Internal: the runner behind `checkConformance({ bootstrap })`, which no entry exports.
    expect([...exported.values()].some((names) => names.has('createRuntimeApiInvoker'))).toBe(false);
  });

  it('the docs do import from the package', () => {
    const all = docs.flatMap((f) => importsOf(readFileSync(join(root, f), 'utf8')));
    expect(all.map((i) => i.name)).toEqual(expect.arrayContaining(['checkConformance', 'describeConformance']));
  });

  it.each(docs)('%s imports only what the package exports', (file) => {
    const missing = importsOf(readFileSync(join(root, file), 'utf8'))
      .filter((i) => {
        const entry = entryFor(i.specifier, i.require);
        return entry === undefined || !exported.get(entry)?.has(i.name);
      })
      .map((i) => `${i.name} from '${i.specifier}'${i.require ? ' (require)' : ''}`);
    expect(missing).toEqual([]);
  });
});
