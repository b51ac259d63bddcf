/**
 * `run --watch`: runs, then waits for the handler or the config file to change and runs again, the checks that
 * failed last time first. The first Ctrl-C stops a run under way (keeping what it found) or the wait, and ends watch
 * mode with exit code 130; a second quits at once.
 */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import pc from 'picocolors';
import { parseHandlerSpec } from '../harness/options.ts';
import { toolSecrets } from '../runtime/environment.ts';
import { HarnessError, isHarnessError } from '../runtime/errors.ts';
import { knownSecretsRedactor } from '../runtime/secrets.ts';
import { terminalText } from '../reports/visible.ts';
import { optionsFrom, runOnce, STOP_NOTICE, type RunFlags } from './runOnce.ts';

/** Changes closer together than this make one re-run (an editor writes a file in several steps). */
const DEBOUNCE_MS = 200;

/**
 * Calls `onChange` (debounced) when one of `files` changes. Watches each file's folder, not the file: an editor that
 * saves by writing a new file and renaming it over the old one would end a watch on the file itself.
 * @returns what stops watching
 */
function watchFiles(files: readonly string[], onChange: (file: string) => void): () => void {
  const byDir = new Map<string, Set<string>>();
  for (const f of files) byDir.set(dirname(f), (byDir.get(dirname(f)) ?? new Set()).add(basename(f)));
  let timer: NodeJS.Timeout | undefined;
  const watchers: FSWatcher[] = [...byDir].map(([dir, names]) =>
    watch(dir, (_event, name) => {
      if (name === null || !names.has(name)) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        onChange(name);
      }, DEBOUNCE_MS);
    }),
  );
  return () => {
    clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}

/** The files a watch follows: the handler module and the config file, as far as the run has them. */
function watchedFiles(handler: string | undefined, configFile: string | undefined): string[] {
  return [handler === undefined ? undefined : parseHandlerSpec(handler).modulePath, configFile]
    .filter((f): f is string => f !== undefined)
    .map((f) => resolve(f));
}

/**
 * Runs in watch mode until Ctrl-C; then sets exit code 130.
 * @param handler - the handler argument of `run`
 * @param flags - the flags of `run`
 */
export async function watchRuns(handler: string | undefined, flags: RunFlags): Promise<void> {
  const first = await optionsFrom(handler, flags);
  const files = watchedFiles(first.handler, first.configFile);
  if (!files.length)
    throw new HarnessError('E_USAGE', '--watch follows a handler module or a config file: give one of them');
  // The tool's own process keeps the first version of every module it imported: no change would ever show.
  if (first.isolation === 'in-process')
    throw new HarnessError(
      'E_USAGE',
      '--watch cannot see a changed handler with --isolation in-process (Node keeps the modules it loaded): use worker or process',
    );
  // An object: the Ctrl-C handler and the watcher set it, and the compiler does not follow assignments in closures.
  const state: { interrupted: boolean; changed?: string | undefined; wake?: (() => void) | undefined } = {
    interrupted: false,
  };
  let stop = new AbortController();
  const onInterrupt = (): void => {
    if (state.interrupted) process.exit(130);
    state.interrupted = true;
    if (state.wake) state.wake();
    else process.stderr.write(`\n${STOP_NOTICE} (Ctrl-C again quits at once)\n`);
    stop.abort();
  };
  const unwatch = watchFiles(files, (file) => {
    state.changed = file;
    state.wake?.();
  });
  process.on('SIGINT', onInterrupt);
  const names = files.map((f) => terminalText(basename(f))).join(', ');
  try {
    let failed: readonly string[] = [];
    for (let n = 1; ; n++) {
      if (n > 1)
        process.stderr.write(
          `\n${pc.bold(`── ${terminalText(state.changed ?? 'a file')} changed: run ${String(n)} ──`)}\n`,
        );
      state.changed = undefined;
      stop = new AbortController();
      try {
        const options = n === 1 ? first : await optionsFrom(handler, flags, true);
        const run = await runOnce(options, flags, stop.signal, failed);
        failed = run.checks.filter((c) => c.outcome !== 'pass' && c.outcome !== 'skip').map((c) => c.id);
      } catch (e) {
        // A handler saved half-written, a config with a typo: said, and the next save runs again.
        if (!isHarnessError(e)) throw e;
        // Escaped and scrubbed as main does: a load error quotes what the handler printed.
        const redact = knownSecretsRedactor<string>(toolSecrets());
        process.stderr.write(`${pc.red(`error ${e.code}:`)} ${terminalText(redact(e.message))}\n`);
      }
      // Read through a function: the handlers set these while the run awaited, which the compiler does not follow.
      const settled = (): boolean => state.interrupted || state.changed !== undefined;
      if (!settled()) {
        process.stderr.write(pc.dim(`\nwatching ${names} for changes (Ctrl-C ends)`) + '\n');
        await new Promise<void>((done) => {
          state.wake = done;
        });
        state.wake = undefined;
      }
      if (state.interrupted) break;
    }
  } finally {
    process.off('SIGINT', onInterrupt);
    unwatch();
  }
  process.exitCode = 130;
}
