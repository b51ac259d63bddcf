/**
 * The files a sandbox process starts: the host (`host.ts`) and the supervisor (`supervisor.ts`).
 *
 * Once built they are the `.js` files next to this one. Run from source (this project's own tests, benchmarks and
 * scripts; an installed package never is), each is bundled into one plain JavaScript file with esbuild, the
 * transformer tsx itself uses, once per tool process, and written under `node_modules/.cache/` by the hash of its
 * text. A sandbox then starts without tsx's loader: through it, every module of the host was resolved and loaded by
 * tsx's hooks, and a worker sandbox took 0.7–1.5 s to start where the bundle takes about 0.07 s, as when built.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a sandbox starts. */
export interface SandboxEntries {
  /** The host, run as a process's main module (process isolation) or in the supervisor's worker. */
  readonly host: string;
  /** The supervisor of a worker sandbox (it finds the host next to itself). */
  readonly supervisor: string;
}

const require = createRequire(import.meta.url);
const self = fileURLToPath(import.meta.url);
const sibling = (name: string): string => fileURLToPath(new URL(`./${name}${extname(self)}`, import.meta.url));
/** Whether this runs from its TypeScript source. */
const fromSource = extname(self) === '.ts';

/** The part of esbuild's API used here (loaded only when running from source). */
interface Esbuild {
  buildSync(o: object): { outputFiles: { path: string; text: string }[] };
}

let bundled: SandboxEntries | undefined;

/** Bundles the host and the supervisor side by side in a folder named by their hash; writes it once. */
function bundle(): SandboxEntries {
  const esbuild = require('esbuild') as Esbuild;
  const { outputFiles } = esbuild.buildSync({
    entryPoints: { host: sibling('host'), supervisor: sibling('supervisor') },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir: '/',
    write: false,
  });
  const hash = createHash('sha256');
  for (const f of outputFiles) hash.update(f.path).update(f.text);
  // Under the project's node_modules: the supervisor resolves tsx (for a TypeScript handler) from where it lies.
  const root = join(dirname(self), '..', '..');
  const dir = join(
    root,
    'node_modules',
    '.cache',
    'cognito-sync-conformance',
    `sandbox-${hash.digest('hex').slice(0, 16)}`,
  );
  if (!existsSync(join(dir, 'supervisor.js'))) {
    // Written aside and renamed, so that processes bundling at once never read a half-written file.
    const tmp = `${dir}.${String(process.pid)}.${String(Date.now())}`;
    mkdirSync(tmp, { recursive: true });
    for (const f of outputFiles) writeFileSync(join(tmp, f.path.replace(/^.*\//, '')), f.text);
    try {
      renameSync(tmp, dir);
    } catch {
      // Another process got there first with the same text.
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  return { host: join(dir, 'host.js'), supervisor: join(dir, 'supervisor.js') };
}

/** The host and supervisor files to start, bundled on first use when run from source. */
export function sandboxEntries(): SandboxEntries {
  if (!fromSource) return { host: sibling('host'), supervisor: sibling('supervisor') };
  bundled ??= bundle();
  return bundled;
}
