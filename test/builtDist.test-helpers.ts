/**
 * The `dist/` the e2e project's global setup builds from the checkout's sources (test/buildCli.globalSetup.ts, with
 * the build config), as a clean build writes it: for the tests that take the package as users get it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Whether a file of the checkout's `dist/` is what a clean build of today's sources writes: the output of a source
 * that exists (`a/b.ts` → `dist/a/b.js`, `dist/a/b.d.ts`; `cjs/index.cts` → `dist/cjs/index.cjs`, `.d.cts`), not
 * the incremental build's state file, nor what a source since removed left behind.
 * @param rel - a path relative to the checkout, `dist/…`
 */
export function builtFromSource(rel: string): boolean {
  const m = /^dist\/(.+?)\.(js|cjs)$|^dist\/(.+?)\.d\.(ts|cts)$/.exec(rel);
  if (!m) return false;
  const base = m[1] ?? m[3] ?? '';
  const ext = m[2] === 'cjs' || m[4] === 'cts' ? 'cts' : 'ts';
  return existsSync(join(root, `${base}.${ext}`));
}
