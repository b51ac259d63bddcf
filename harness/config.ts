/**
 * The user's config module (`cognito-sync-conformance.config.ts|js`, via `defineConfig`): the handler, run
 * options, per-key value generators for the user's domain, and named properties run like built-in checks.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Arbitrary } from 'fast-check';
import { USER_PROPERTY_NAME, type UserProperty } from '../suites/user.ts';
import { HarnessError } from '../runtime/errors.ts';
import type { RunOptions } from './options.ts';

/** A config file's contents. */
export interface ConformanceConfig extends Omit<RunOptions, 'properties' | 'values'> {
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
export const CONFIG_FILE_NAMES = [
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
 * Loads a config module (TypeScript through tsx) and checks its shape. A handler path in it is relative to the file.
 * @param path - absolute path of the config file
 * @throws HarnessError `E_CONFIG` with the reason
 */
export async function loadConfig(path: string): Promise<ConformanceConfig> {
  let mod: { default?: unknown };
  try {
    if (path.endsWith('.ts') || path.endsWith('.mts')) {
      const { tsImport } = await import('tsx/esm/api');
      mod = (await tsImport(pathToFileURL(path).href, import.meta.url)) as { default?: unknown };
    } else mod = (await import(pathToFileURL(path).href)) as { default?: unknown };
  } catch (e) {
    throw new HarnessError('E_CONFIG', `cannot load config ${path}: ${e instanceof Error ? e.message : String(e)}`, {
      cause: e,
    });
  }
  // A TypeScript config outside an ESM package is compiled to CommonJS: its ES exports sit one level down.
  const inner = mod.default as { __esModule?: unknown; default?: unknown } | null | undefined;
  const config = inner !== null && typeof inner === 'object' && inner.__esModule === true ? inner.default : inner;
  if (typeof config !== 'object' || config === null)
    throw new HarnessError(
      'E_CONFIG',
      `config ${path} has no default export object (use \`export default defineConfig({...})\`)`,
    );
  const c = config as ConformanceConfig;
  for (const p of c.properties ?? []) {
    if (typeof p.name !== 'string' || !USER_PROPERTY_NAME.test(p.name) || typeof p.check !== 'function') {
      throw new HarnessError(
        'E_CONFIG',
        `config ${path}: each property needs a name (letters, digits, -_.) and a check function; got ${JSON.stringify(p.name)}`,
      );
    }
  }
  for (const [key, arb] of Object.entries(c.values ?? {})) {
    if (typeof (arb as { generate?: unknown } | null)?.generate !== 'function') {
      throw new HarnessError('E_CONFIG', `config ${path}: values.${key} is not a fast-check arbitrary`);
    }
  }
  const handler = c.handler && !c.handler.startsWith('/') ? resolve(dirname(path), c.handler) : c.handler;
  return { ...c, ...(handler ? { handler } : {}) };
}
