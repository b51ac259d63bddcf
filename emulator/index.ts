/**
 * The local AWS emulator: one `node:http` server on loopback speaking Cognito Identity (awsJson1_1), Cognito Sync
 * (restJson1) and Lambda Invoke (restJson1) to the real AWS SDK v3 clients. Cognito Sync's state and its trigger are
 * the model's `prepareUpdate` / `commitUpdate` / `listRecords`; functions are local handlers run by the harness's
 * local runner. Faults and a deviant mode make the service misbehave on purpose, for tests and for users.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resolveReadings, type Readings } from '../model/index.ts';
import { HarnessError } from '../harness/errors.ts';
import { Functions, type FunctionSpec } from './functions.ts';
import { handleIdentity } from './identity.ts';
import { handleLambda } from './lambda.ts';
import { EmulatorState } from './state.ts';
import { handleSync } from './sync.ts';
import { AwsError, sendError } from './wire.ts';

export type { FunctionSpec } from './functions.ts';

/** Faults to inject; counts are "the next N". Change them on a running emulator with `setFaults`. */
export interface Faults {
  /** The next N Sync Triggers answer `LambdaThrottledException` (429) without running the function. */
  throttleTrigger?: number;
  /** The next N Sync Triggers take this many milliseconds more (past 5 s: `LambdaSocketTimeoutException`). */
  delayTriggerMs?: number;
  delayTriggerCount?: number;
  /** The next N Lambda Invoke calls answer `TooManyRequestsException` (429). */
  lambdaTooManyRequests?: number;
  /** The next N requests of any kind have their connection destroyed without an answer. */
  dropConnections?: number;
}

/**
 * A service that disagrees with the model on purpose, so a differential check can be seen to catch it.
 * - `omittedRecords: 'removed'`: records the handler leaves out of its reply are removed (documented: ignored).
 * - `readings`: the service applies these readings of undocumented points while the harness keeps its own.
 */
export interface DeviantOptions {
  readonly omittedRecords?: 'removed';
  readonly readings?: Partial<Readings>;
}

/** Deviant modes by name, for the CLI. */
export const DEVIANT_MODES: Readonly<Record<string, DeviantOptions>> = {
  'omitted-removed': { omittedRecords: 'removed' },
  'null-entry-removes': { readings: { 'reply.nullEntry': 'remove' } },
  'same-value-noop': { readings: { 'reply.replaceSameValue': 'no-op' } },
};

/** Options of `startEmulator`. */
export interface EmulatorOptions {
  /** @defaultValue 4566; 0 picks a free port */
  readonly port?: number;
  /** @defaultValue '127.0.0.1' (loopback only) */
  readonly host?: string;
  /** @defaultValue 'us-east-1' */
  readonly region?: string;
  /** Lambda functions by name. */
  readonly functions?: Readonly<Record<string, FunctionSpec>>;
  /** Readings of undocumented points the service applies. @defaultValue the model's defaults */
  readonly readings?: Partial<Readings>;
  readonly deviant?: DeviantOptions;
  readonly faults?: Faults;
  /** Keep state in this JSON file across restarts. */
  readonly statePath?: string;
  /** One line per request (operation and status; never credentials). */
  readonly log?: (line: string) => void;
}

/** Counters for tests and the CLI. */
export interface EmulatorStats {
  readonly requests: Readonly<Record<string, number>>;
  readonly triggerInvocations: number;
  readonly lambdaInvocations: number;
  /** Datasets that exist now. */
  readonly datasets: number;
}

/** A running emulator. */
export interface RunningEmulator {
  readonly url: string;
  readonly port: number;
  readonly region: string;
  setFaults(f: Faults): void;
  stats(): EmulatorStats;
  /** The ARN of a registered function. */
  functionArn(name: string): string;
  close(): Promise<void>;
}

/** What the request handlers share. */
export interface EmulatorContext {
  readonly state: EmulatorState;
  readonly functions: Functions;
  readonly readings: Readings;
  readonly deviant: DeviantOptions;
  faults: Faults;
  readonly counts: { requests: Record<string, number>; triggers: number; lambdas: number };
  count(op: string): void;
}

/**
 * Starts the emulator.
 * @param o - port, functions, readings, deviant mode, faults, persistence
 * @throws HarnessError `E_USAGE` when the port is taken or the state file is unreadable
 * @example
 * const aws = await startEmulator({ port: 0, functions: { trigger: { handler: './h.js' } } });
 * const sync = new CognitoSyncClient({ endpoint: aws.url, region: aws.region, credentials });
 */
export async function startEmulator(o: EmulatorOptions = {}): Promise<RunningEmulator> {
  const region = o.region ?? 'us-east-1';
  const readings = resolveReadings({ ...(o.readings ?? {}), ...(o.deviant?.readings ?? {}) });
  if (!readings.ok) throw new HarnessError('E_USAGE', readings.problems.join('; '));
  const counts = { requests: {} as Record<string, number>, triggers: 0, lambdas: 0 };
  const ctx: EmulatorContext = {
    state: new EmulatorState(region, o.statePath),
    functions: new Functions(o.functions ?? {}, region),
    readings: readings.readings,
    deviant: o.deviant ?? {},
    faults: { ...(o.faults ?? {}) },
    counts,
    count: (op) => {
      counts.requests[op] = (counts.requests[op] ?? 0) + 1;
    },
  };
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    void route(ctx, req, res, o.log);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(
        e.code === 'EADDRINUSE'
          ? new HarnessError('E_USAGE', `port ${String(o.port ?? 4566)} is in use: stop what runs there or pick --port`)
          : new HarnessError('E_USAGE', `cannot listen: ${e.message}`),
      );
    });
    server.listen(o.port ?? 4566, o.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${o.host ?? '127.0.0.1'}:${String(port)}`,
    port,
    region,
    setFaults: (f) => {
      ctx.faults = { ...f };
    },
    stats: () => ({
      requests: { ...counts.requests },
      triggerInvocations: counts.triggers,
      lambdaInvocations: counts.lambdas,
      datasets: ctx.state.datasets.size,
    }),
    functionArn: (name) => ctx.functions.arn(name),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      await ctx.functions.close();
    },
  };
}

async function route(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  log: ((line: string) => void) | undefined,
): Promise<void> {
  if (ctx.faults.dropConnections) {
    ctx.faults.dropConnections--;
    req.socket.destroy();
    log?.(`${req.method ?? ''} ${req.url ?? ''} → connection dropped (fault)`);
    return;
  }
  const url = new URL(req.url ?? '/', 'http://emulator');
  const target = req.headers['x-amz-target'];
  try {
    if (typeof target === 'string' && target.startsWith('AWSCognitoIdentityService.')) {
      await handleIdentity(ctx, target.slice('AWSCognitoIdentityService.'.length), req, res);
    } else if (url.pathname.startsWith('/2015-03-31/functions/')) {
      await handleLambda(ctx, url, req, res);
    } else if (url.pathname.startsWith('/identitypools/')) {
      await handleSync(ctx, url, req, res);
    } else {
      throw new AwsError(404, 'UnknownOperationException', `no operation at ${req.method ?? ''} ${url.pathname}`);
    }
  } catch (e) {
    const err =
      e instanceof AwsError
        ? e
        : new AwsError(500, 'InternalErrorException', `emulator: ${e instanceof Error ? e.message : String(e)}`);
    if (!res.headersSent) sendError(res, err, target ? 'application/x-amz-json-1.1' : 'application/json');
  } finally {
    log?.(
      `${req.method ?? ''} ${url.pathname}${typeof target === 'string' ? ` ${target}` : ''} → ${String(res.statusCode)}`,
    );
  }
}
