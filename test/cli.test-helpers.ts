/**
 * Shared by the CLI tests: the real bin in a child process, and the replay lines it prints run as a user runs them —
 * pasted into a shell, in the folder the run started in.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { scaled } from './timeScale.test-helpers.ts';

export const root = fileURLToPath(new URL('..', import.meta.url));
/**
 * The CLI the tests run: the compiled entry `bin/` loads once installed, built by the e2e project's global setup
 * (test/buildCli.globalSetup.ts). A spawn from source would load tsx first.
 */
export const bin = join(root, 'dist/cli/main.js');
export const fixture = (f: string): string => join(root, 'fixtures/handlers/conformance', f);
/**
 * Imports a config file in a temporary folder can use for fast-check and `defineConfig`: the package's compiled
 * entry, as an installed package gives them (from the sources, every run loading the config would compile the
 * harness through tsx).
 */
export const configImports = `import { defineConfig, fc } from ${JSON.stringify(pathToFileURL(join(root, 'dist/index.js')).href)};
`;

/** What a CLI run left: exit code, stdout, stderr (colour off, as in CI logs). */
export interface CliRun {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** Runs the CLI with arguments. */
export function cli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    timeout: scaled(180_000),
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The replay lines a run printed, in order. */
export const replayLines = (out: string): string[] =>
  [...out.matchAll(/^ +replay: (npx cognito-sync-conformance replay .*)$/gm)].map((m) => m[1] ?? '');

/** The `event:` lines of a run's or a replay's failures, in order (the event JSON, clipped alike in both). */
export const eventLines = (out: string): string[] => [...out.matchAll(/^ +event: +(.*)$/gm)].map((m) => m[1] ?? '');

/** Runs a printed line through a shell, with this checkout's bin standing for `npx cognito-sync-conformance`. */
export function runLine(line: string, cwd: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const command = line.replace(
    /^npx cognito-sync-conformance /,
    `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} `,
  );
  const r = spawnSync('sh', ['-c', command], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    timeout: scaled(180_000),
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Local credentials and region for the emulator. */
export const emulatorEnv = { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_REGION: 'us-east-1' };

/**
 * Starts `emulate --port 0 --handler <handler>` as a user would, and waits for it to be ready.
 * @returns its URL and a function that stops it (SIGINT) and resolves with its exit code
 */
export async function startEmulate(
  handler: string,
  cwd: string,
): Promise<{ url: string; stop: () => Promise<number | null> }> {
  const emu = spawn(process.execPath, [bin, 'emulate', '--port', '0', '--handler', handler, '--quiet'], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const exited = new Promise<number | null>((done) =>
    emu.on('exit', (code) => {
      done(code);
    }),
  );
  let out = '';
  emu.stdout.on('data', (d: Buffer) => (out += d.toString()));
  emu.stderr.on('data', (d: Buffer) => (out += d.toString()));
  try {
    await new Promise<void>((ready, fail) => {
      const check = (): void => {
        if (out.includes('Ctrl-C')) ready();
      };
      emu.stdout.on('data', check);
      emu.on('exit', () => {
        fail(new Error(`emulate exited: ${out}`));
      });
    });
  } catch (e) {
    emu.kill('SIGKILL');
    throw e;
  }
  const url = /emulator at (http:\/\/[\d.:]+)/.exec(out)?.[1] ?? '';
  return {
    url,
    stop: () => {
      emu.kill('SIGINT');
      return exited;
    },
  };
}
