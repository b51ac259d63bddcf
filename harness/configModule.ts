/**
 * Importing a TypeScript config. It is compiled with esbuild (the compiler tsx runs, installed with it) into one ES
 * module — the config and the local files it imports; packages stay imports — written beside the config, imported,
 * and removed. Its imports of this package (`defineConfig`, `fc`) then reach the modules the command already runs.
 *
 * Through tsx's `tsImport`, which Node 20 needs for `.ts` files, every module a config imports loads anew under a
 * namespace: a config outside an ES module package (no `"type": "module"`) is compiled to CommonJS, and its import of
 * this package loaded all of it a second time, each of its files compiled to CommonJS on the way (about 1 s of CPU
 * per command). tsx remains the way in when this one is closed: when the config's folder cannot take the compiled
 * file, when the config calls `require` for a package (an ES module has no `require`), and when Node cannot load
 * what it imports (a package that ships `.ts` files).
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Loader, Plugin } from 'esbuild';

/** Names each compiled file's own values go by (`define` replaces the free names with these). */
const SCOPE = {
  dirname: '__csc_config_dirname',
  filename: '__csc_config_filename',
  url: '__csc_config_import_meta_url',
} as const;

const LOADERS: Readonly<Record<string, Loader>> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.js': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
  '.jsx': 'jsx',
};

/**
 * Gives each local file its own `__dirname`, `__filename` and `import.meta.url`, as if it were loaded where it lies
 * (prepended on its first line: the line numbers of its source map stay those of the file).
 */
const fileScope: Plugin = {
  name: 'csc-config-file-scope',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
      const contents = await readFile(args.path, 'utf8');
      const values =
        `const ${SCOPE.dirname} = ${JSON.stringify(dirname(args.path))};` +
        `const ${SCOPE.filename} = ${JSON.stringify(args.path)};` +
        `const ${SCOPE.url} = ${JSON.stringify(pathToFileURL(args.path).href)};`;
      return { loader: LOADERS[extname(args.path)] ?? 'ts', contents: values + contents };
    });
  },
};

/** The config as one ES module's text; undefined when it needs tsx (it calls `require` for a package). */
async function compile(path: string): Promise<string | undefined> {
  const esbuild = await import('esbuild');
  const { outputFiles } = await esbuild.build({
    entryPoints: [path],
    absWorkingDir: dirname(path),
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0] ?? '20'}`,
    // Packages (this one included) are imported, not copied in; so are absolute URLs.
    packages: 'external',
    external: ['file:*'],
    define: {
      __dirname: SCOPE.dirname,
      __filename: SCOPE.filename,
      'import.meta.url': SCOPE.url,
      'import.meta.dirname': SCOPE.dirname,
      'import.meta.filename': SCOPE.filename,
    },
    plugins: [fileScope],
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  const text = outputFiles[0]?.text ?? '';
  // esbuild's stand-in for a `require` it could not bundle, which an ES module cannot serve.
  return text.includes('var __require = ') ? undefined : text;
}

/** Whether an import failed because Node cannot load a file the config imports (a `.ts` file in a package). */
const unloadable = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ERR_UNKNOWN_FILE_EXTENSION';

let written = 0;

/**
 * Imports a TypeScript config module.
 * @param path - its absolute path
 * @returns its module namespace
 * @throws what compiling or evaluating it threw (a syntax error names the file, line and column)
 */
export async function importTypeScriptConfig(path: string): Promise<{ default?: unknown }> {
  const text = await compile(path);
  if (text === undefined) return viaTsx(path);
  const out = `${dirname(path)}/.${basename(path)}.${String(process.pid)}-${String(++written)}.mjs`;
  try {
    await writeFile(out, text, { flag: 'wx' });
  } catch {
    return viaTsx(path);
  }
  try {
    return (await import(pathToFileURL(out).href)) as { default?: unknown };
  } catch (e) {
    if (unloadable(e)) return await viaTsx(path);
    throw e;
  } finally {
    await rm(out, { force: true });
  }
}

/** The config through tsx: slower, but loads whatever tsx loads. */
async function viaTsx(path: string): Promise<{ default?: unknown }> {
  const { tsImport } = await import('tsx/esm/api');
  return (await tsImport(pathToFileURL(path).href, import.meta.url)) as { default?: unknown };
}
