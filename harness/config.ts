/**
 * The user's config module (`cognito-sync-conformance.config.ts|js`, via `defineConfig`): the handler, run
 * options, per-key value generators for the user's domain, and named properties run like built-in checks.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Arbitrary } from 'fast-check';
import { safeText, USER_PROPERTY_NAME, type UserProperty } from '../suites/user.ts';
import { HarnessError } from '../runtime/errors.ts';
import { importTypeScriptConfig } from './configModule.ts';
import { optionIssuesText, runOptionsSchema, type RunOptions } from './options.ts';

/** A config file's contents. */
export interface ConformanceConfig extends Omit<RunOptions, 'properties' | 'values' | 'onWarning' | 'configFile'> {
  /** Per-key value generators for the user's domain, e.g. `{ score: fc.integer().map(String) }`. */
  readonly values?: Readonly<Record<string, Arbitrary<string>>>;
  /** The user's own properties, run as checks `user/<name>`. */
  readonly properties?: readonly UserProperty[];
}

/**
 * Declares a config with types; the identity function.
 * @param config - the config
 * @example
 * export default defineConfig({ handler: './handler.js', properties: [{ name: 'score-numeric', check: ({ after }) => … }] });
 */
export function defineConfig(config: ConformanceConfig): ConformanceConfig {
  return config;
}

/** File names looked for next to the working directory when no `--config` is given. */
const CONFIG_FILE_NAMES = [
  'cognito-sync-conformance.config.ts',
  'cognito-sync-conformance.config.mjs',
  'cognito-sync-conformance.config.js',
];

/** The config file to use: the given one, or one of the default names in `cwd`, or none. */
export function findConfig(given: string | undefined, cwd = process.cwd()): string | undefined {
  if (given) {
    const p = resolve(cwd, given);
    if (!existsSync(p)) throw new HarnessError('E_CONFIG', `config file not found: ${p}`);
    return p;
  }
  return CONFIG_FILE_NAMES.map((n) => resolve(cwd, n)).find((p) => existsSync(p));
}

/**
 * Loads a config module (TypeScript compiled by `configModule.ts`) and checks its shape. A handler path in it is relative to the file.
 * Every field is read once, here: a getter that throws is an `E_CONFIG` naming it, not a crash in the run.
 * @param path - absolute path of the config file
 * @param fresh - load it again even if this process loaded it before (a query makes it a new module to Node)
 * @throws HarnessError `E_CONFIG` with the reason
 */
export async function loadConfig(path: string, fresh = false): Promise<ConformanceConfig> {
  let mod: { default?: unknown };
  const url = pathToFileURL(path);
  if (fresh) url.search = `?v=${String(Date.now())}`;
  try {
    // A TypeScript config is compiled anew on each load (`configModule.ts`).
    if (/\.[cm]?tsx?$/.test(path)) mod = await importTypeScriptConfig(path);
    else mod = (await import(url.href)) as { default?: unknown };
  } catch (e) {
    throw new HarnessError('E_CONFIG', `cannot load config ${path}: ${safeText(e)}`, { cause: e });
  }
  // A config compiled to CommonJS (by tsx, outside an ES module package; or written so) has its exports one level
  // down.
  const config = read(path, 'the default export', () => {
    const inner = mod.default as { __esModule?: unknown; default?: unknown } | null | undefined;
    return inner !== null && typeof inner === 'object' && inner.__esModule === true ? inner.default : inner;
  });
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw new HarnessError(
      'E_CONFIG',
      `config ${path} has no default export object (use \`export default defineConfig({...})\`)`,
    );
  const { properties, values, ...options } = fields(path, '', config);
  const parsed = runOptionsSchema.safeParse(options, { reportInput: true });
  if (!parsed.success)
    throw new HarnessError(
      'E_CONFIG',
      `config ${path}: ${optionIssuesText(parsed.error, Object.keys(runOptionsSchema.shape))}`,
    );
  const handler = parsed.data.handler;
  return {
    ...parsed.data,
    ...(handler ? { handler: handler.startsWith('/') ? handler : resolve(dirname(path), handler) } : {}),
    ...(properties === undefined ? {} : { properties: propertiesOf(path, properties) }),
    ...(values === undefined ? {} : { values: valuesOf(path, values) }),
  };
}

/** Runs `get`; user code that throws (a getter, a Proxy trap) becomes an `E_CONFIG` naming what was read. */
function read<T>(path: string, what: string, get: () => T): T {
  try {
    return get();
  } catch (e) {
    throw new HarnessError('E_CONFIG', `config ${path}: reading ${what} threw: ${safeText(e)}`, { cause: e });
  }
}

/** Every own field of an object of the config, each read once (a getter runs here, not later in the run). */
function fields(path: string, where: string, o: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of read(path, `the fields of ${where || 'the config'}`, () => Object.keys(o)))
    out[key] = read(path, `${where}${key}`, () => (o as Record<string, unknown>)[key]);
  return out;
}

function propertiesOf(path: string, v: unknown): UserProperty[] {
  if (!read(path, 'properties', () => Array.isArray(v)))
    throw new HarnessError('E_CONFIG', `config ${path}: properties is not a list`);
  return (v as unknown[]).map((p, i) => {
    const where = `properties[${i}].`;
    const f = typeof p === 'object' && p !== null ? fields(path, where, p) : {};
    if (typeof f.name !== 'string' || !USER_PROPERTY_NAME.test(f.name) || typeof f.check !== 'function')
      throw new HarnessError(
        'E_CONFIG',
        `config ${path}: each property needs a name (letters, digits, -_.) and a check function; got ${safeText(f.name)}`,
      );
    if (f.level !== undefined && f.level !== 'must' && f.level !== 'should')
      throw new HarnessError('E_CONFIG', `config ${path}: ${where}level is neither "must" nor "should"`);
    if (f.description !== undefined && typeof f.description !== 'string')
      throw new HarnessError('E_CONFIG', `config ${path}: ${where}description is not text`);
    return {
      name: f.name,
      check: f.check as UserProperty['check'],
      ...(f.level === undefined ? {} : { level: f.level }),
      ...(f.description === undefined ? {} : { description: f.description }),
    };
  });
}

function valuesOf(path: string, v: unknown): Record<string, Arbitrary<string>> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new HarnessError('E_CONFIG', `config ${path}: values is not an object of fast-check arbitraries`);
  const out: Record<string, Arbitrary<string>> = {};
  for (const [key, arb] of Object.entries(fields(path, 'values.', v))) {
    const generate = read(path, `values.${key}.generate`, () => (arb as { generate?: unknown } | null)?.generate);
    if (typeof generate !== 'function')
      throw new HarnessError('E_CONFIG', `config ${path}: values.${key} is not a fast-check arbitrary`);
    out[key] = arb as Arbitrary<string>;
  }
  return out;
}
