/**
 * Loads a handler module the way the Lambda Node runtime does (CommonJS through `require`, ES modules through
 * `import()`, TypeScript through tsx), resolves the export, and detects the handler's style. Failures become
 * `LoadFailure`s with a stable code and a message that names the file and what is wrong.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HarnessErrorCode } from '../errors.ts';
import type { HandlerStyle } from '../invoker.ts';
import type { HandlerFn } from './runtime.ts';

/** Why a module could not give a handler. */
export class LoadFailure extends Error {
  constructor(
    readonly code: Extract<HarnessErrorCode, 'E_HANDLER_LOAD' | 'E_HANDLER_SYNTAX' | 'E_HANDLER_EXPORT'>,
    message: string,
  ) {
    super(message);
    this.name = 'LoadFailure';
  }
}

/** A loaded handler and what the runtime learns from its signature. */
export interface LoadedHandler {
  readonly handler: HandlerFn;
  readonly style: Exclude<HandlerStyle, 'unknown'>;
  /** `AsyncFunction`: the legacy runtime sends `Runtime.NodeJsExit` when it never settles. */
  readonly isAsync: boolean;
  /** Declared parameters (`handler.length`); three or more is a callback handler to nodejs24.x. */
  readonly arity: number;
}

/** File extensions handled as TypeScript (through tsx). */
export const TS_EXTENSIONS = ['.ts', '.mts', '.cts'];

/** True when the nearest package.json above `file` says `"type": "module"` (as Node and the RIC decide). */
function isTypeModule(file: string): boolean {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (dir.endsWith('/node_modules')) return false;
    try {
      return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { type?: unknown }).type === 'module';
    } catch {
      // No (readable) package.json here: look further up.
    }
    if (dirname(dir) === dir) return false;
  }
}

/** True when Lambda would `require` the file rather than `import` it. */
function isCommonJs(file: string): boolean {
  const ext = extname(file);
  return ext === '.cjs' || (ext === '.js' && !isTypeModule(file)) || ext === '';
}

/** Where a syntax error is, from `node --check` (an ES module's SyntaxError carries no location in Node 20). */
function syntaxLocation(file: string): string {
  const r = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 5000 });
  const text = (r.stderr || '').split('\n\n')[0] ?? '';
  return text.trim();
}

function classify(file: string, e: unknown): LoadFailure {
  const err = e instanceof Error ? e : new Error(String(e));
  const code = (err as { code?: unknown }).code;
  if (err.name === 'SyntaxError' || err.name === 'TransformError') {
    // CommonJS stacks start with `file:line`, the caret line and a blank line; tsx names the place itself.
    const stackHead = (err.stack ?? '').split('\n\n')[0] ?? '';
    const where = err.name === 'TransformError' ? '' : stackHead.includes(file) ? stackHead : syntaxLocation(file);
    const hint =
      extname(file) === '.js' && isCommonJs(file) && /\b(import|export)\b/.test(err.message)
        ? '\n(ES module syntax in a .js file loaded as CommonJS, as Lambda does: rename it to .mjs or add "type": "module" to package.json)'
        : '';
    return new LoadFailure(
      'E_HANDLER_SYNTAX',
      `syntax error in handler module ${file}: ${err.message}${where ? `\n${where}` : ''}${hint}`,
    );
  }
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
    return new LoadFailure('E_HANDLER_LOAD', `cannot load handler module ${file}: ${err.message.split('\n')[0] ?? ''}`);
  }
  if (code === 'ERR_REQUIRE_ESM') {
    return new LoadFailure(
      'E_HANDLER_LOAD',
      `cannot load handler module ${file}: ${err.message.split('\n')[0] ?? ''} (Lambda loads this file with require)`,
    );
  }
  // The frames only: a message of several lines (Node's ES-module-scope errors) stands once, above them.
  const frames = (err.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at\s/.test(l))
    .slice(0, 3)
    .join('\n');
  return new LoadFailure(
    'E_HANDLER_LOAD',
    `handler module ${file} threw while loading: ${err.name}: ${err.message}${frames ? `\n${frames}` : ''}${commonJsInEsmHint(file, err)}`,
  );
}

/**
 * The fix for CommonJS names (`exports`, `module`, `require`) used in a file Node and Lambda load as an ES module:
 * the file's own ReferenceError says what failed, not what to write instead.
 */
function commonJsInEsmHint(file: string, err: Error): string {
  const name =
    err.name === 'ReferenceError' ? /^(exports|module|require) is not defined/.exec(err.message)?.[1] : undefined;
  if (!name || isCommonJs(file) || TS_EXTENSIONS.includes(extname(file))) return '';
  const why =
    extname(file) === '.mjs'
      ? 'a .mjs file is an ES module'
      : 'a .js file is an ES module where the nearest package.json says "type": "module"';
  const fix =
    name === 'require'
      ? 'use `import` (or `createRequire(import.meta.url)` from node:module)'
      : 'write `export const handler = async (event) => …` (or `export { handler }`)';
  return `\n(${why}, and an ES module has no \`${name}\`: ${fix}; or keep CommonJS by renaming the file to .cjs)`;
}

const describeValue = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;

function exportNames(mod: object): string[] {
  const names = Object.keys(mod);
  return names.length ? names : Object.getOwnPropertyNames(mod).filter((n) => n !== '__esModule');
}

/**
 * Resolves a dotted export path (`handler`, `handlers.sync`) on a module, as the RIC's `_resolveHandler` does.
 * @param mod - the module namespace or `module.exports`
 * @param file - the module path, for messages
 * @param exportName - the export path
 * @throws LoadFailure `E_HANDLER_EXPORT` naming the exports that do exist
 */
function resolveExport(mod: unknown, file: string, exportName: string): HandlerFn {
  const value = exportName
    .split('.')
    .reduce<unknown>((o, k) => (o !== null && o !== undefined ? (o as Record<string, unknown>)[k] : undefined), mod);
  if (typeof value === 'function') return value as HandlerFn;
  if (value === undefined) {
    const names = typeof mod === 'object' && mod !== null ? exportNames(mod) : [];
    const fns = names.filter((n) => typeof (mod as Record<string, unknown>)[n] === 'function');
    throw new LoadFailure(
      'E_HANDLER_EXPORT',
      `handler module ${file} has no export "${exportName}"; ` +
        (names.length
          ? `its exports are: ${names.join(', ')}${fns.length ? ` (functions: ${fns.join(', ')}; pick one with path#name)` : ''}`
          : 'it exports nothing (CommonJS: `exports.handler = …`; ES modules: `export const handler = …`)'),
    );
  }
  throw new LoadFailure(
    'E_HANDLER_EXPORT',
    `export "${exportName}" of handler module ${file} is ${describeValue(value)}, not a function`,
  );
}

/** The handler's style, as the RIC sees it: `async function` → async; else three or more parameters → callback. */
export function detectStyle(fn: HandlerFn): LoadedHandler['style'] {
  if (isAsyncFunction(fn)) return 'async';
  return fn.length >= 3 ? 'callback' : 'sync';
}

function isAsyncFunction(fn: HandlerFn): boolean {
  try {
    return (fn as { constructor?: { name?: unknown } }).constructor?.name === 'AsyncFunction';
  } catch {
    return false;
  }
}

/**
 * Loads a handler module and resolves its export.
 * @param file - absolute path of an existing module
 * @param exportName - the export path
 * @param importTs - how to import a TypeScript module in this thread (tsx must be registered, or `tsImport`)
 * @param importEsm - how to import an ES module @defaultValue this module's `import()`
 * @throws LoadFailure with the code the harness reports
 */
export async function loadHandler(
  file: string,
  exportName: string,
  importTs: (url: string) => Promise<unknown> = (url) => import(url),
  importEsm: (url: string) => Promise<unknown> = (url) => import(url),
): Promise<LoadedHandler> {
  let mod: unknown;
  try {
    if (TS_EXTENSIONS.includes(extname(file))) mod = await importTs(pathToFileURL(file).href);
    else if (isCommonJs(file)) mod = createRequire(file)(file);
    else mod = await importEsm(pathToFileURL(file).href);
  } catch (e) {
    throw classify(file, e);
  }
  let handler: HandlerFn;
  try {
    handler = resolveExport(mod, file, exportName);
  } catch (e) {
    // A TypeScript file compiled to CommonJS shows `module.exports` as the namespace's default export.
    const fallback = (mod as { default?: unknown } | null)?.default;
    if (!TS_EXTENSIONS.includes(extname(file)) || typeof fallback !== 'object' || fallback === null) throw e;
    try {
      handler = resolveExport(fallback, file, exportName);
    } catch {
      throw e;
    }
  }
  return { handler, style: detectStyle(handler), isAsync: isAsyncFunction(handler), arity: handler.length };
}
