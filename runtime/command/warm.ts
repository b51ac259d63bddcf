/**
 * A process that runs handler code and stays up across invocations (a persistent command, a Lambda runtime). Like
 * a per-invocation command it runs in a session and process group of its own with a marker in its environment
 * (`runtime/reaper.ts`), so that ending it kills everything it started, daemons that left the group included, and
 * the tool never waits on them. The tool's own exit reaps it too.
 */
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { guardTool } from '../guard.ts';
import { endMarked, MARKER_VARIABLE, newMarker, trackGroup } from '../reaper.ts';
import { afterPipeGrace } from './grace.ts';

/** How to start a warm process and where its output goes. */
export interface WarmProcessOptions {
  readonly command: string;
  /** Program and arguments when not run through a shell. */
  readonly argv?: readonly string[];
  readonly shell: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** Raw stdout. */
  readonly stdout: (chunk: Buffer) => void;
  /** stderr, decoded. */
  readonly stderr: (text: string) => void;
  /**
   * The process ended on its own (not through `end()`): once its pipes closed, or a short grace after its exit when
   * something it started still holds them.
   * @param how - `exited with code 1`, `was killed by signal SIGSEGV`, `could not be started: …`
   */
  readonly exit: (how: string, code: number | null, signal: NodeJS.Signals | null) => void;
  /** How long the pipes may stay open after the exit before it is reported. */
  readonly pipeGraceMs: number;
}

/** A started warm process. */
export interface WarmProcess {
  /** Writes to its stdin; false when it cannot take input any more. */
  write(text: string): boolean;
  /** Kills it, its group and every process carrying its marker. Idempotent; no `exit` is reported after it. */
  end(): void;
}

/**
 * How a process ended, in words.
 * @param code - its exit code
 * @param signal - the signal that killed it
 */
function endedHow(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `was killed by signal ${signal}` : `exited with code ${String(code ?? '')}`;
}

/**
 * Starts a warm process.
 * @param o - the command, its environment, and where its output and exit go
 */
export function startWarmProcess(o: WarmProcessOptions): WarmProcess {
  guardTool();
  const marker = newMarker();
  const [file = '', ...args] = o.argv ?? [];
  const env = { ...o.env, [MARKER_VARIABLE]: marker };
  const options = { cwd: o.cwd, env, detached: process.platform !== 'win32', windowsHide: true };
  const child = o.shell ? spawn(o.command, { ...options, shell: true }) : spawn(file, args, options);
  trackGroup(child.pid);
  let over = false;
  const report = (how: string, code: number | null, signal: NodeJS.Signals | null): void => {
    if (over) return;
    over = true;
    endMarked(child.pid, marker);
    o.exit(how, code, signal);
    child.stdout.destroy();
    child.stderr.destroy();
  };
  child.stdout.on('data', (d: Buffer) => {
    if (!over) o.stdout(d);
  });
  // A character split across two reads stays whole.
  const decoder = new StringDecoder('utf8');
  child.stderr.on('data', (d: Buffer) => {
    if (!over) o.stderr(decoder.write(d));
  });
  // A process that exits without reading its input closes the pipe under us: not an error of the harness.
  child.stdin.on('error', () => undefined);
  child.on('error', (e) => {
    report(`could not be started: ${e.message}`, null, null);
  });
  child.on('exit', (code, signal) => {
    // Whatever it wrote before exiting is still read; a child of it holding the pipes open is not waited for.
    const cancel = afterPipeGrace(o.pipeGraceMs, () => {
      report(endedHow(code, signal), code, signal);
    });
    child.once('close', () => {
      cancel();
      report(endedHow(code, signal), code, signal);
    });
  });
  return {
    write: (text) => {
      if (over || !child.stdin.writable) return false;
      child.stdin.write(text);
      return true;
    },
    end: () => {
      if (over) return;
      over = true;
      endMarked(child.pid, marker);
      child.stdout.destroy();
      child.stderr.destroy();
      child.stdin.destroy();
    },
  };
}
