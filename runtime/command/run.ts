/**
 * One invocation of a command: spawn it, write the event to stdin, read the reply from stdout (bounded), stderr as
 * logs, and map how it ended to an outcome (see `docs/command-protocol.md`). The command runs in a session and
 * process group of its own, with a marker in its environment (`runtime/reaper.ts`), so that the end of an
 * invocation kills everything it started, daemons that left the group included, and the tool never waits on them.
 */
import { spawn } from 'node:child_process';
import { guardTool } from '../guard.ts';
import type { InvocationOutcome, LambdaError } from '../invoker.ts';
import { responseTooLargeError } from '../node/lambdaErrors.ts';
import { LogBuffer } from '../node/logBuffer.ts';
import { endMarked, MARKER_VARIABLE, newMarker, trackGroup } from '../reaper.ts';
import { afterPipeGrace } from './grace.ts';
import { errorPayload, preview, type Ending } from './payload.ts';

/** What one run needs. */
export interface CommandRun {
  readonly command: string;
  /** Program and arguments when not run through a shell. */
  readonly argv?: readonly string[];
  readonly shell: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly eventJson: string;
  readonly deadlineMs: number;
  readonly maxStdoutBytes: number;
  readonly maxLogChars: number;
  readonly stderrTailLines: number;
  /** How long stdout and stderr may stay open after the command exited. */
  readonly pipeGraceMs: number;
}

/** A running command: its outcome, and a way to stop it early (the invoker's close). */
export interface RunningCommand {
  readonly outcome: Promise<InvocationOutcome>;
  kill(reason: string): void;
}

const commandError = (errorType: string, errorMessage: string, trace: readonly string[] = []): LambdaError => ({
  errorType,
  errorMessage,
  trace,
});

/**
 * Starts one invocation of the command.
 * @param r - the command, its environment, the event and the limits
 */
export function runCommand(r: CommandRun): RunningCommand {
  guardTool();
  const marker = newMarker();
  const started = performance.now();
  const logs = new LogBuffer(r.maxLogChars);
  const stdout: Buffer[] = [];
  let stdoutBytes = 0;
  let settle: (o: InvocationOutcome) => void = () => undefined;
  const outcome = new Promise<InvocationOutcome>((resolve) => (settle = resolve));
  let done = false;
  const finish = (o: Ending): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    endMarked(child.pid, marker);
    // Whatever still holds the pipes is killed; the tool does not wait for them to close.
    child.stdout.destroy();
    child.stderr.destroy();
    // Every invocation starts a fresh process: each one pays a cold start.
    settle({ ...o, ms: performance.now() - started, logs: logs.take(), coldStart: true });
  };

  const [file = '', ...args] = r.argv ?? [];
  const env = { ...r.env, [MARKER_VARIABLE]: marker };
  const options = { cwd: r.cwd, env, detached: process.platform !== 'win32', windowsHide: true };
  const child = r.shell ? spawn(r.command, { ...options, shell: true }) : spawn(file, args, options);
  trackGroup(child.pid);
  const timer = setTimeout(() => {
    finish({ kind: 'timed-out', deadlineMs: r.deadlineMs });
  }, r.deadlineMs);

  child.stdout.on('data', (d: Buffer) => {
    stdoutBytes += d.length;
    // Past Lambda's response payload limit the reply cannot be one, whatever follows: stop reading and stop it.
    if (stdoutBytes > r.maxStdoutBytes)
      finish({ kind: 'threw', error: responseTooLargeError(stdoutBytes, r.maxStdoutBytes, true) });
    else stdout.push(d);
  });
  child.stderr.on('data', (d: Buffer) => {
    logs.add(d.toString());
  });
  // A command that exits without reading its input closes the pipe under us: not an error of the harness.
  child.stdin.on('error', () => undefined);
  child.stdin.end(r.eventJson);

  child.on('error', (e) => {
    finish({ kind: 'crashed', detail: `cannot run ${r.shell ? r.command : file}: ${e.message}` });
  });
  // 'close' comes once stdout and stderr are closed. A command that exits but leaves a background child holding them
  // (`echo {}; sleep 30 &`) has still answered: after a short grace what was read is the reply, and the leftovers
  // are killed with the group.
  child.on('exit', (code, signal) => {
    const cancel = afterPipeGrace(r.pipeGraceMs, () => {
      conclude(code, signal);
    });
    child.once('close', cancel);
  });
  child.on('close', (code, signal) => {
    conclude(code, signal);
  });

  function conclude(code: number | null, signal: NodeJS.Signals | null): void {
    if (done) return;
    const bytes = Buffer.concat(stdout);
    // Lambda refuses a response that is not UTF-8: the validity of the bytes goes with the reply, for the model.
    let invalidUtf8 = false;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      invalidUtf8 = true;
    }
    const out = bytes.toString('utf8').trim();
    if (signal) {
      finish({ kind: 'crashed', detail: `the command was killed by signal ${signal}` });
      return;
    }
    if (code === 0) {
      if (!out) {
        finish({
          kind: 'threw',
          error: commandError(
            'Command.InvalidJson',
            'the command exited 0 with nothing on stdout; print the reply JSON',
          ),
        });
        return;
      }
      try {
        JSON.parse(out);
        finish({ kind: 'replied', json: out, ...(invalidUtf8 ? { invalidUtf8 } : {}) });
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        finish({
          kind: 'threw',
          error: commandError('Command.InvalidJson', `stdout is not valid JSON (${why}): ${preview(out)}`),
        });
      }
      return;
    }
    const payload = errorPayload(out);
    if (payload) {
      finish({ kind: 'threw', error: payload });
      return;
    }
    const tail = logs.peekLines(r.stderrTailLines);
    const last = tail.at(-1);
    finish({
      kind: 'threw',
      error: commandError(
        'Command.NonZeroExit',
        `the command exited with code ${code ?? ''}${last ? `: ${last}` : ''}`,
        tail,
      ),
    });
  }

  return {
    outcome,
    kill: (reason) => {
      finish({ kind: 'crashed', detail: reason });
    },
  };
}
