/**
 * Every request of a live run goes through one `Wire`: it is counted against `--max-requests` (the SDK's own
 * retries included, from `$metadata.attempts`), retried with backoff when the service throttles, stopped by Ctrl-C,
 * and recorded in the case's trace with every secret redacted. Cleanup requests pass the cap and the stop: a run
 * never leaves its datasets behind because it ran out of budget.
 */
import { HarnessError, type HarnessErrorCode } from '../runtime/errors.ts';
import { awsProblem, type SdkError } from '../runtime/lambda/awsErrors.ts';
import { redactorFor } from '../runtime/secrets.ts';

/** One request of a trace: operation, who sent it, input and output (or error), all redacted. */
export interface TraceEntry {
  readonly op: string;
  /** Whose credentials signed it: `developer`, `device-0`, … */
  readonly as: string;
  /** Why it was sent, when that is not obvious (`seed`, `token`, `stale device`, `resend`, `cleanup`). */
  readonly note?: string;
  readonly input: unknown;
  readonly output?: unknown;
  readonly error?: { readonly name: string; readonly status?: number; readonly message: string };
  /** HTTP attempts it took (the SDK retries 5xx, 429 and network errors). */
  readonly attempts: number;
  readonly ms: number;
}

/** Why a run stopped starting requests. */
export class LiveStop extends Error {
  constructor(
    readonly why: 'max-requests' | 'interrupted',
    message: string,
  ) {
    super(message);
    this.name = 'LiveStop';
  }
}

/** Operation, sender and note of a request, as its trace entry names it. */
type Label = Pick<TraceEntry, 'op' | 'as' | 'note'>;

/** True when the service answered with an error (as opposed to a network failure or a local problem). */
function isServiceError(e: unknown): boolean {
  return typeof (e as SdkError | undefined)?.$metadata?.httpStatusCode === 'number';
}

/** The service's error name, or undefined for anything else. */
export function serviceErrorName(e: unknown): string | undefined {
  return isServiceError(e) ? ((e as SdkError).name ?? 'Error') : undefined;
}

const THROTTLES = new Set(['LambdaThrottledException', 'TooManyRequestsException', 'ThrottlingException']);

/** Options of a `Wire`. */
export interface WireOptions {
  readonly maxRequests: number;
  readonly throttleRetries: number;
  readonly backoffMs: number;
  readonly signal?: AbortSignal;
}

/** The counted, traced, redacted way to send requests. */
export class Wire {
  /** Requests sent so far (HTTP attempts). */
  requests = 0;
  /** Requests promised to cases in flight. */
  private reserved = 0;
  /** Throttling answers retried. */
  throttled = 0;
  private readonly secrets = new Set<string>();
  private redactor = redactorFor([]);

  constructor(private readonly o: WireOptions) {}

  /** Secrets to replace wherever they would appear (credentials the run was issued or resolved). */
  addSecrets(...values: (string | undefined)[]): void {
    for (const v of values) if (v) this.secrets.add(v);
    this.redactor = redactorFor(this.secrets);
  }

  /** A redacted deep copy of a value (traces, messages). */
  redact<T>(value: T): T {
    return this.redactor(value) as T;
  }

  /**
   * An SDK error as a harness error, its message cleared of every secret the run knows.
   * @param what - what was being done
   * @param notFound - the code of a `ResourceNotFoundException` @defaultValue 'E_AWS'
   */
  problem(what: string, e: unknown, notFound?: HarnessErrorCode): HarnessError {
    const h = awsProblem(what, e, notFound);
    return new HarnessError(h.code, this.redact(h.message));
  }

  /** True when the run was told to stop. */
  get stopped(): boolean {
    return this.o.signal?.aborted === true;
  }

  /** Promises `n` requests to a case, if the cap leaves room for them. */
  reserve(n: number): boolean {
    if (this.requests + this.reserved + n > this.o.maxRequests) return false;
    this.reserved += n;
    return true;
  }

  /** Returns a case's promise once it is done (what it sent is counted in `requests`). */
  release(n: number): void {
    this.reserved = Math.max(0, this.reserved - n);
  }

  /**
   * Sends one request and records it.
   * @param trace - the trace to append to
   * @param label - operation, sender and note
   * @param input - the request as sent (redacted before it is kept)
   * @param send - sends it
   * @throws LiveStop when the cap is reached or the run was stopped; the SDK's error when the request fails
   */
  send<T extends object>(trace: TraceEntry[], label: Label, input: unknown, send: () => Promise<T>): Promise<T> {
    return this.sendOnce(trace, label, input, send, false);
  }

  /**
   * Sends a cleanup request: past the cap and after a stop, noted `cleanup` in the trace, and never failing (a
   * failure is in the trace; whatever it left behind, the run goes on).
   * @returns the answer, or undefined when the request failed
   */
  cleanup<T extends object>(
    trace: TraceEntry[],
    label: Omit<Label, 'note'>,
    input: unknown,
    send: () => Promise<T>,
  ): Promise<T | undefined> {
    return this.sendOnce(trace, { ...label, note: 'cleanup' }, input, send, true).catch(() => undefined);
  }

  private async sendOnce<T extends object>(
    trace: TraceEntry[],
    label: Label,
    input: unknown,
    send: () => Promise<T>,
    cleanup: boolean,
  ): Promise<T> {
    for (let retry = 0; ; retry++) {
      if (!cleanup && this.stopped) throw new LiveStop('interrupted', 'the run was interrupted');
      if (!cleanup && this.requests >= this.o.maxRequests)
        throw new LiveStop('max-requests', `--max-requests ${String(this.o.maxRequests)} reached`);
      const started = performance.now();
      const base = { ...label, input: this.redact(input) };
      try {
        const output = await send();
        const { $metadata, ...rest } = output as T & { $metadata?: { attempts?: number } };
        const attempts = $metadata?.attempts ?? 1;
        this.requests += attempts;
        trace.push({ ...base, output: this.redact(rest), attempts, ms: Math.round(performance.now() - started) });
        return output;
      } catch (e) {
        const err = e as SdkError;
        const attempts = err.$metadata?.attempts ?? 1;
        this.requests += attempts;
        const status = err.$metadata?.httpStatusCode;
        trace.push({
          ...base,
          error: this.redact({
            name: err.name ?? 'Error',
            ...(status !== undefined ? { status } : {}),
            message: err.message ?? String(e),
          }),
          attempts,
          ms: Math.round(performance.now() - started),
        });
        if (THROTTLES.has(err.name ?? '') && isServiceError(e) && retry < this.o.throttleRetries && !this.stopped) {
          this.throttled++;
          const wait = this.o.backoffMs * 2 ** retry * (0.75 + Math.random() / 2);
          await new Promise((r) => setTimeout(r, wait));
          continue;
        }
        throw e;
      }
    }
  }
}
