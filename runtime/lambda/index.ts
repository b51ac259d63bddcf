/**
 * The deployed-Lambda target: every invocation is a real `Invoke` (RequestResponse, log tail) through
 * `@aws-sdk/client-lambda`, so every check runs against the deployed function exactly as against a local module.
 * Credentials, region and profile follow the SDK's standard chain; `endpoint` points the client elsewhere (the
 * project's emulator, LocalStack).
 */
import { InvokeCommand, LambdaClient, type LambdaClientConfig } from '@aws-sdk/client-lambda';
import { HANDLER_DEADLINE_MS } from '../../model/index.ts';
import { DEADLINE_GRACE_MS } from '../targetDefaults.ts';
import { HarnessError } from '../errors.ts';
import type { InitInfo, InvocationOutcome, Invoker, InvokeOptions, LambdaError } from '../invoker.ts';
import { redactSecrets } from '../secrets.ts';
import { awsProblem } from './awsErrors.ts';

/** Options of `createLambdaInvoker`. */
export interface LambdaInvokerOptions {
  /** Function name, ARN or partial ARN (with `:qualifier` if wanted). */
  readonly functionName: string;
  /** An endpoint URL other than AWS's (e.g. `http://127.0.0.1:4566`). @defaultValue the SDK's chain (`AWS_ENDPOINT_URL`) */
  readonly endpoint?: string;
  /** The region. @defaultValue the SDK's chain (`AWS_REGION`, the profile) */
  readonly region?: string;
  /** A named profile of the shared config files. @defaultValue the SDK's chain (`AWS_PROFILE`) */
  readonly profile?: string;
  /** The client's attempts per invocation (it retries throttling, 5xx and network errors). @defaultValue 3 */
  readonly maxAttempts?: number;
  /** Hard deadline of an invocation, as seen by the harness. @defaultValue 5000 ms budget + 1000 ms grace */
  readonly deadlineMs?: number;
}

/** Makes a Lambda client for the options. */
function lambdaClient(o: Omit<LambdaInvokerOptions, 'functionName' | 'deadlineMs'>): LambdaClient {
  const config: LambdaClientConfig = {
    maxAttempts: o.maxAttempts ?? 3,
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    ...(o.region ? { region: o.region } : {}),
    ...(o.profile ? { profile: o.profile } : {}),
  };
  return new LambdaClient(config);
}

/**
 * Whether the invocation paid a cold start. Lambda's `REPORT` line carries `Init Duration` exactly then; without a
 * `REPORT` line in the tail (an emulator, a log tail cut short), the first invocation of this client counts as cold.
 */
export function coldStartOf(logs: string, first: boolean): boolean {
  return /^REPORT RequestId:/m.test(logs) ? /Init Duration:/.test(logs) : first;
}

/** The runtime's error payload of a function error, as the local runner reports one. */
export function functionError(kind: string, payload: string): LambdaError {
  try {
    const parsed = JSON.parse(payload) as { errorType?: unknown; errorMessage?: unknown; trace?: unknown } | null;
    const message = typeof parsed?.errorMessage === 'string' ? parsed.errorMessage : payload;
    const type =
      typeof parsed?.errorType === 'string'
        ? parsed.errorType
        : /Task timed out after/.test(message)
          ? 'Sandbox.Timedout'
          : kind;
    return {
      errorType: type,
      errorMessage: message,
      trace: Array.isArray(parsed?.trace) ? parsed.trace.map(String) : [],
    };
  } catch {
    return { errorType: kind, errorMessage: payload, trace: [] };
  }
}

class LambdaInvoker implements Invoker {
  readonly description: string;
  private readonly client: LambdaClient;
  private first = true;
  private closed = false;

  constructor(private readonly o: LambdaInvokerOptions) {
    this.description = `lambda ${o.functionName}${o.endpoint ? ` at ${o.endpoint}` : ''}`;
    this.client = lambdaClient(o);
  }

  async init(): Promise<InitInfo> {
    if (!this.o.functionName.trim())
      throw new HarnessError('E_OPTION', 'the Lambda function name is empty: give --lambda <name or ARN>');
    try {
      // DryRun checks the name, the credentials and the permission to invoke, and runs nothing.
      await this.client.send(
        new InvokeCommand({ FunctionName: this.o.functionName, InvocationType: 'DryRun', Payload: new Uint8Array() }),
      );
    } catch (e) {
      throw awsProblem(`cannot use the Lambda function ${this.o.functionName}`, e, 'E_NOT_FOUND');
    }
    return { style: 'unknown' };
  }

  async invoke(event: unknown, options?: InvokeOptions): Promise<InvocationOutcome> {
    if (this.closed) throw new HarnessError('E_CLOSED', `${this.description}: the invoker is closed; open a new one`);
    const deadlineMs = options?.deadlineMs ?? this.o.deadlineMs ?? HANDLER_DEADLINE_MS + DEADLINE_GRACE_MS;
    const first = this.first;
    this.first = false;
    const started = performance.now();
    const abort = new AbortController();
    const timer = setTimeout(() => {
      abort.abort();
    }, deadlineMs);
    try {
      const out = await this.client.send(
        new InvokeCommand({
          FunctionName: this.o.functionName,
          InvocationType: 'RequestResponse',
          LogType: 'Tail',
          Payload: new TextEncoder().encode(JSON.stringify(event)),
        }),
        { abortSignal: abort.signal },
      );
      const ms = performance.now() - started;
      // The function's own log may print credentials of its environment; they never reach a report.
      const logs = out.LogResult ? redactSecrets(Buffer.from(out.LogResult, 'base64').toString('utf8')) : '';
      const coldStart = coldStartOf(logs, first);
      const payload = out.Payload ? new TextDecoder().decode(out.Payload) : '';
      if (out.FunctionError) {
        const error = functionError(out.FunctionError, payload);
        if (error.errorType === 'Runtime.ExitError')
          return { kind: 'crashed', detail: error.errorMessage, ms, logs, coldStart };
        return { kind: 'threw', error, ms, logs, coldStart };
      }
      // A handler that completes with `undefined` makes Lambda send `null`.
      return { kind: 'replied', json: payload.trim() === '' ? 'null' : payload, ms, logs, coldStart };
    } catch (e) {
      const ms = performance.now() - started;
      if (abort.signal.aborted) return { kind: 'timed-out', deadlineMs, ms, logs: '', coldStart: first };
      throw awsProblem(`invoking ${this.o.functionName} failed`, e);
    } finally {
      clearTimeout(timer);
    }
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.client.destroy();
    }
    return Promise.resolve();
  }
}

/**
 * An invoker for a deployed Lambda function.
 * @param o - the function and where to reach it
 * @example
 * const lambda = createLambdaInvoker({ functionName: 'my-sync-trigger', region: 'eu-west-1' });
 * await lambda.init(); // throws HarnessError E_NOT_FOUND / E_AWS / E_ENDPOINT / E_REGION with a clear message
 */
export function createLambdaInvoker(o: LambdaInvokerOptions): Invoker {
  return new LambdaInvoker(o);
}
