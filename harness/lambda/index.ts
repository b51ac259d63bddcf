/**
 * The deployed-Lambda target: every invocation is a real `Invoke` (RequestResponse, log tail) through
 * `@aws-sdk/client-lambda`. Credentials, region and profile follow the SDK's standard chain; `endpoint` points the
 * client elsewhere (the project's emulator, LocalStack).
 */
import { InvokeCommand, LambdaClient, type LambdaClientConfig } from '@aws-sdk/client-lambda';
import { HANDLER_DEADLINE_MS } from '../../model/index.ts';
import { DEADLINE_GRACE_MS } from '../defaults.ts';
import { HarnessError } from '../errors.ts';
import type { InitInfo, InvocationOutcome, Invoker, InvokeOptions } from '../invoker.ts';
import { redactSecrets } from '../secrets.ts';

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
  /** The client's attempts per invocation (throttling retries). @defaultValue 3 */
  readonly maxAttempts?: number;
  /** Hard deadline of an invocation, as seen by the harness. @defaultValue 5000 ms budget + 1000 ms grace */
  readonly deadlineMs?: number;
}

/** Makes a client for the options (shared with the end-to-end target). */
export function lambdaClient(o: Omit<LambdaInvokerOptions, 'functionName' | 'deadlineMs'>): LambdaClient {
  const config: LambdaClientConfig = {
    maxAttempts: o.maxAttempts ?? 3,
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    ...(o.region ? { region: o.region } : {}),
    ...(o.profile ? { profile: o.profile } : {}),
  };
  return new LambdaClient(config);
}

/** Explains an SDK error as a harness error without any secret in it. */
export function awsProblem(what: string, e: unknown): HarnessError {
  const err = e as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const name = err.name ?? 'Error';
  const status = err.$metadata?.httpStatusCode;
  const network = ['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN'].includes(err.code ?? '');
  const message = redactSecrets(`${what}: ${name}${status ? ` (HTTP ${String(status)})` : ''}: ${err.message ?? ''}`);
  return new HarnessError(network ? 'E_ENDPOINT' : 'E_AWS', message, { cause: e });
}

class LambdaInvoker implements Invoker {
  readonly description: string;
  private readonly client: LambdaClient;
  private cold = true;
  private closed = false;

  constructor(private readonly o: LambdaInvokerOptions) {
    this.description = `lambda ${o.functionName}${o.endpoint ? ` at ${o.endpoint}` : ''}`;
    this.client = lambdaClient(o);
  }

  async init(): Promise<InitInfo> {
    if (!this.o.functionName.trim()) throw new HarnessError('E_USAGE', 'the Lambda function name is empty');
    try {
      await this.client.send(
        new InvokeCommand({ FunctionName: this.o.functionName, InvocationType: 'DryRun', Payload: new Uint8Array() }),
      );
    } catch (e) {
      throw awsProblem(`cannot reach the Lambda function ${this.o.functionName}`, e);
    }
    return { style: 'unknown' };
  }

  async invoke(event: unknown, options?: InvokeOptions): Promise<InvocationOutcome> {
    if (this.closed) throw new HarnessError('E_USAGE', `${this.description}: the invoker is closed`);
    const deadlineMs = options?.deadlineMs ?? this.o.deadlineMs ?? HANDLER_DEADLINE_MS + DEADLINE_GRACE_MS;
    const coldStart = this.cold;
    this.cold = false;
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
      const logs = out.LogResult ? Buffer.from(out.LogResult, 'base64').toString('utf8') : '';
      const payload = out.Payload ? new TextDecoder().decode(out.Payload) : 'null';
      if (out.FunctionError) {
        let error = { errorType: out.FunctionError, errorMessage: payload, trace: [] as string[] };
        try {
          const parsed = JSON.parse(payload) as { errorType?: unknown; errorMessage?: unknown; trace?: unknown };
          error = {
            errorType: typeof parsed.errorType === 'string' ? parsed.errorType : out.FunctionError,
            errorMessage: typeof parsed.errorMessage === 'string' ? parsed.errorMessage : payload,
            trace: Array.isArray(parsed.trace) ? parsed.trace.map(String) : [],
          };
        } catch {
          // the payload is not JSON: keep it as the message
        }
        return { kind: 'threw', error, ms, logs, coldStart };
      }
      return { kind: 'replied', json: payload.trim() === '' ? 'null' : payload, ms, logs, coldStart };
    } catch (e) {
      const ms = performance.now() - started;
      if (abort.signal.aborted) return { kind: 'timed-out', deadlineMs, ms, logs: '', coldStart };
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

/** An invoker for a deployed Lambda function. */
export function createLambdaInvoker(o: LambdaInvokerOptions): Invoker {
  return new LambdaInvoker(o);
}
