/**
 * The persistent mode of the command protocol (`docs/command-protocol.md`): one process per invoker, one event per
 * line on its stdin, one reply per line on its stdout, a line starting with `!` for an error payload. The process
 * stays warm across invocations; one that misses the deadline, floods stdout past the payload limit or exits is
 * ended (its group and marked descendants) and started again for the next event.
 */
import type { InvocationOutcome } from '../invoker.ts';
import { responseTooLargeError } from '../node/lambdaErrors.ts';
import { LogBuffer } from '../node/logBuffer.ts';
import { errorPayload, preview, replyOf, type Ending } from './payload.ts';
import { startWarmProcess, type WarmProcess } from './warm.ts';

/** What a persistent command needs. */
export interface PersistentRun {
  readonly command: string;
  /** Program and arguments when not run through a shell. */
  readonly argv?: readonly string[];
  readonly shell: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** The longest reply line, in bytes (Lambda's response payload limit). */
  readonly maxLineBytes: number;
  readonly maxLogChars: number;
  readonly stderrTailLines: number;
  readonly pipeGraceMs: number;
}

/** The invocation in flight. */
interface Pending {
  finish(o: Ending): void;
}

const NEWLINE = 0x0a;
const LINE = { prefix: 'Command', what: 'the reply line', empty: 'the reply line is empty; print the reply JSON' };

/** One warm process speaking the line protocol; invocations run one after another. */
export class PersistentCommand {
  private proc: WarmProcess | undefined;
  private fresh = true;
  private pending: Pending | undefined;
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly logs: LogBuffer;

  /** @param o - the command and its limits */
  constructor(private readonly o: PersistentRun) {
    this.logs = new LogBuffer(o.maxLogChars);
  }

  /** Starts the process now (at init), so that its start-up overlaps what comes before the first event. */
  start(): void {
    if (this.proc || this.closed) return;
    const proc: WarmProcess = startWarmProcess({
      ...this.o,
      pipeGraceMs: this.o.pipeGraceMs,
      stdout: (d) => {
        if (proc === this.proc) this.onStdout(d);
      },
      stderr: (text) => {
        this.logs.add(text);
      },
      exit: (how, code, signal) => {
        if (proc === this.proc) this.onExit(how, code, signal);
      },
    });
    this.proc = proc;
    this.fresh = true;
    this.partial = [];
    this.partialBytes = 0;
  }

  /**
   * Sends one event and waits for its line.
   * @param eventJson - the event, JSON without raw newlines
   * @param deadlineMs - the hard deadline of this invocation
   */
  invoke(eventJson: string, deadlineMs: number): Promise<InvocationOutcome> {
    const run = this.queue.then(() => this.once(eventJson, deadlineMs));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Ends the process; an invocation in flight ends `crashed`. */
  close(): void {
    this.closed = true;
    this.pending?.finish({ kind: 'crashed', detail: 'the invoker was closed while the command ran' });
    this.stop();
  }

  private once(eventJson: string, deadlineMs: number): Promise<InvocationOutcome> {
    if (this.closed) {
      return Promise.resolve({ kind: 'crashed', detail: 'the invoker is closed', ms: 0, logs: '', coldStart: false });
    }
    this.start();
    const coldStart = this.fresh;
    this.fresh = false;
    const started = performance.now();
    return new Promise<InvocationOutcome>((resolve) => {
      const timer = setTimeout(() => {
        finish({ kind: 'timed-out', deadlineMs });
        // It may still be busy with the event, and its late line would answer the next one: it goes.
        this.restart();
      }, deadlineMs);
      const finish = (o: Ending): void => {
        if (this.pending !== pending) return;
        this.pending = undefined;
        clearTimeout(timer);
        resolve({ ...o, ms: performance.now() - started, logs: this.logs.take(), coldStart });
      };
      const pending: Pending = { finish };
      this.pending = pending;
      if (!this.proc?.write(`${eventJson}\n`)) finish({ kind: 'crashed', detail: 'the command does not take input' });
    });
  }

  private onStdout(d: Buffer): void {
    let rest = d;
    for (let nl = rest.indexOf(NEWLINE); nl >= 0; nl = rest.indexOf(NEWLINE)) {
      const line = Buffer.concat([...this.partial, rest.subarray(0, nl)]);
      this.partial = [];
      this.partialBytes = 0;
      rest = rest.subarray(nl + 1);
      this.onLine(line);
      if (!this.proc) return;
    }
    if (!rest.length) return;
    this.partial.push(rest);
    this.partialBytes += rest.length;
    // Past Lambda's response payload limit the line cannot be a reply, whatever follows: stop it.
    if (this.partialBytes > this.o.maxLineBytes) {
      const bytes = this.partialBytes;
      if (this.pending)
        this.pending.finish({ kind: 'threw', error: responseTooLargeError(bytes, this.o.maxLineBytes, true) });
      else
        this.logs.add(
          `[stdout: more than ${String(this.o.maxLineBytes)} bytes without a newline and no event pending; the command was stopped]\n`,
        );
      this.restart();
    }
  }

  private onLine(line: Buffer): void {
    const pending = this.pending;
    if (!pending) {
      // Only the answer to an event is read from stdout; anything else would answer the next event.
      const text = line.toString('utf8').trim();
      if (text) this.logs.add(`[stdout, no event pending: ${preview(text)}]\n`);
      return;
    }
    if (line[0] === 0x21 /* ! */) {
      const text = line.subarray(1).toString('utf8');
      const error = errorPayload(text);
      pending.finish(
        error
          ? { kind: 'threw', error }
          : {
              kind: 'threw',
              error: {
                errorType: 'Command.InvalidJson',
                errorMessage: `an error line must be ! followed by {"errorType": "…", "errorMessage": "…"}; got ${preview(text)}`,
                trace: [],
              },
            },
      );
      return;
    }
    pending.finish(replyOf(line, LINE));
  }

  private onExit(how: string, code: number | null, signal: NodeJS.Signals | null): void {
    this.proc = undefined;
    // A last line without its newline still counts.
    if (this.partial.length) this.onLine(Buffer.concat(this.partial));
    this.partial = [];
    this.partialBytes = 0;
    const pending = this.pending;
    if (!pending) return; // ended between events: started again for the next one
    if (signal || code === null) {
      pending.finish({ kind: 'crashed', detail: `the command ${how}` });
      return;
    }
    const tail = this.logs.peekLines(this.o.stderrTailLines);
    const last = tail.at(-1);
    pending.finish({
      kind: 'threw',
      error: {
        errorType: code === 0 ? 'Command.InvalidJson' : 'Command.NonZeroExit',
        errorMessage: `the command ${how} before it replied${last ? `: ${last}` : ''}`,
        trace: tail,
      },
    });
  }

  /** Ends the process and starts a fresh one for the next event (at once: its start-up overlaps the judging). */
  private restart(): void {
    this.stop();
    this.start();
  }

  private stop(): void {
    const proc = this.proc;
    this.proc = undefined;
    proc?.end();
  }
}
