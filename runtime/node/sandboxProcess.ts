/**
 * A process that runs handler code, seen from the tool: started in a session and process group of its own, with
 * the handler's environment (never the tool's), talking frames over a socket on fd 3 instead of Node's IPC channel
 * (whose messages have no size limit). It cannot reach the tool: it is not the tool's thread (no
 * `connectToMainThread`), and the tool ignores SIGUSR1 (`runtime/guard.ts`). Stopping it kills its group and every
 * process that carries its marker (`runtime/reaper.ts`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import { readTexts, writeText } from '../frames.ts';
import { guardTool } from '../guard.ts';
import { endMarked, reapMarked, trackGroup } from '../reaper.ts';

/** The largest frame the tool reads from a sandbox: a 6 MB reply as JSON text inside a frame, with room to spare. */
const MAX_FRAME_BYTES = 64 * 1024 * 1024;

/** The page size of `/proc/<pid>/statm` on the platforms Lambda runs (x86-64 and arm64 Linux). */
const PAGE_BYTES = 4096;

/** How long an exit waits for stdout and stderr to close (a grandchild may hold them). */
const PIPE_GRACE_MS = 250;

/** What the tool hears from a sandbox process. */
export interface SandboxEvents {
  /** One frame's text, untrusted (`fail` stops the sandbox as a protocol violation). */
  text(text: string, fail: (why: string) => void): void;
  /** Raw output that bypassed the host's capture (a native crash report, V8's out-of-memory message). */
  output(text: string): void;
  /** The sandbox broke the frame protocol; it has been killed. */
  violation(why: string): void;
  /** The process is gone (after its pipes closed, or a grace). */
  exit(code: number | null, signal: NodeJS.Signals | null): void;
}

/** How to start a sandbox process. */
export interface SandboxSpawn {
  /** The script to run (`host`, `supervisor`), and Node flags (`--import tsx`, heap cap). */
  readonly entry: string;
  readonly execArgv: readonly string[];
  /** Its whole environment (see `runtime/environment.ts`); carries `marker`. */
  readonly env: Readonly<Record<string, string>>;
  /** The marker value in `env`. */
  readonly marker: string;
}

/** A running sandbox process. */
export class SandboxProcess {
  private readonly child: ChildProcess;
  private readonly socket: Duplex;
  private exited = false;
  /** Frames are no longer heard: the tool killed it, or its exit was reported. */
  private deaf = false;
  private readonly gone: Promise<void>;

  /**
   * Starts the process.
   * @param s - what to run, with which environment
   * @param events - where its frames, output and exit go
   */
  constructor(
    private readonly s: SandboxSpawn,
    events: SandboxEvents,
  ) {
    guardTool();
    this.child = spawn(process.execPath, [...s.execArgv, s.entry], {
      env: s.env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    trackGroup(this.child.pid);
    const socket = this.child.stdio[3] as Duplex | null;
    if (!socket) throw new Error('sandbox: no frame channel on fd 3');
    this.socket = socket;
    socket.on('error', () => undefined);
    readTexts(socket, MAX_FRAME_BYTES, {
      // What it wrote before exiting is heard until the exit is reported: 'exit' can come before the last frames.
      text: (text, fail) => {
        if (!this.deaf) events.text(text, fail);
      },
      violation: (why) => {
        this.kill();
        events.violation(why);
      },
    });
    this.gone = new Promise((resolve) => {
      this.child.once('exit', () => {
        resolve();
      });
    });
    this.child.on('error', (e) => {
      events.output(`cannot start the sandbox: ${e.message}\n`);
    });
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      // 'exit' can come before the last of stderr (V8's out-of-memory report): wait for the pipes, a little.
      let reported = false;
      const report = (): void => {
        if (reported) return;
        reported = true;
        this.deaf = true;
        clearTimeout(grace);
        endMarked(this.child.pid, s.marker);
        events.exit(code, signal);
      };
      const grace = setTimeout(report, PIPE_GRACE_MS);
      this.child.once('close', report);
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream?.on('data', (d: Buffer) => {
        events.output(d.toString());
      });
      (stream as { unref?: () => void } | null)?.unref?.();
    }
    // A forgotten close() must not keep the tool alive; the tool's exit kills the group anyway (reaper).
    (socket as { unref?: () => void }).unref?.();
    this.child.unref();
  }

  /** The process id, when it started. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** False once the process exited or was killed. */
  get alive(): boolean {
    return !this.exited;
  }

  /** Sends one text frame (dropped when the process is gone). */
  send(text: string): void {
    if (!this.exited && this.socket.writable) writeText(this.socket, text);
  }

  /** Kills the process, its group and its marked descendants at once. */
  kill(): void {
    this.exited = true;
    this.deaf = true;
    endMarked(this.child.pid, this.s.marker);
  }

  /** Kills every process this sandbox started (its handler's children), sparing the sandbox itself. */
  reapChildren(): void {
    if (this.child.pid !== undefined) reapMarked(this.s.marker, [this.child.pid]);
  }

  /**
   * Kills the process and waits, at most `timeoutMs`, until it is gone.
   * @param timeoutMs - the most to wait
   */
  async stop(timeoutMs: number): Promise<void> {
    this.kill();
    await bounded(this.gone, timeoutMs);
  }

  /** Resident memory of the process in bytes (Linux `/proc`), or undefined where it cannot be read. */
  residentBytes(): number | undefined {
    const pid = this.child.pid;
    if (this.exited || pid === undefined) return undefined;
    try {
      const pages = Number(readFileSync(`/proc/${String(pid)}/statm`, 'utf8').split(' ')[1]);
      return Number.isFinite(pages) ? pages * PAGE_BYTES : undefined;
    } catch {
      return undefined;
    }
  }
}

/** Waits for `p`, at most `ms`. The timer is ref'd: the process is unref'd, and a close must see its exit. */
export async function bounded(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([p, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
