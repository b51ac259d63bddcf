/**
 * Builds the tool once before the e2e project runs, so that every CLI spawn runs compiled JavaScript: from source,
 * each spawn (and each sandbox process it starts) loads tsx and its transform cache first, which cost ~2.4 s of a
 * ~3.7 s `list` on a loaded 2-core machine. Incremental: a build with nothing changed takes a few seconds. The
 * checkout's `bin/` keeps running the sources for people; the tests run `dist/cli/main.js`, the code a user installs.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Vitest's global setup: compile with the build config into `dist/`. */
export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(
    process.execPath,
    [tsc, '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', 'dist/.tsbuildinfo'],
    { cwd: root, stdio: 'inherit' },
  );
}
