/**
 * The local AWS emulator: one `node:http` server on loopback speaking Cognito Identity (awsJson1_1), Cognito Sync
 * (restJson1) and Lambda (restJson1) to the real AWS SDK v3 clients. Cognito Sync's state and its trigger are the
 * model's; functions are local handler modules run by the harness's local runner. Faults and a deviant mode make
 * the service misbehave on purpose, for tests and for users. See docs/emulator.md.
 */
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resolveReadings } from '../model/index.ts';
import { HarnessError } from '../runtime/errors.ts';
import { Counters, KeyedLock, type EmulatorContext } from './context.ts';
import { FaultBox } from './faults.ts';
import { Functions } from './functions.ts';
import { Journal, loadTables } from './persist.ts';
import { serve } from './server.ts';
import { EmulatorState } from './state.ts';
import type { EmulatorOptions, RunningEmulator } from './types.ts';

export type {
  DeviantOptions,
  EmulatorOptions,
  EmulatorStats,
  Faults,
  FunctionSpec,
  InjectedFault,
  PoolSpec,
  RunningEmulator,
} from './types.ts';
export { DEVIANT_MODES, deviantNames, parseDeviant } from './deviant.ts';

/** The default port, LocalStack's, so that tools already pointed at `http://127.0.0.1:4566` find it. */
export const DEFAULT_PORT = 4566;

/**
 * Starts the emulator.
 * @param o - port, functions, readings, deviant mode, faults, persistence, log
 * @throws HarnessError `E_PORT` when the port is taken, `E_OPTION` / `E_READING` for an invalid option,
 *   `E_STATE_FILE` when the state file is unusable;
 *   `E_HANDLER_LOAD` when a function's module file does not exist
 * @example
 * const aws = await startEmulator({ port: 0, functions: { trigger: { handler: './h.js' } } });
 * const sync = new CognitoSyncClient({ endpoint: aws.url, region: aws.region, credentials });
 * await aws.close();
 */
export async function startEmulator(o: EmulatorOptions = {}): Promise<RunningEmulator> {
  const region = o.region ?? 'us-east-1';
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
    throw new HarnessError('E_OPTION', `invalid region "${region}" (e.g. us-east-1)`);
  // The service's own readings must be a plausible combination; a deviant mode may break the constraints on purpose.
  const own = resolveReadings({ ...o.readings });
  if (!own.ok) throw new HarnessError('E_READING', `${own.problems.join('; ')} (see docs/semantics.md)`);
  const readings = resolveReadings({ ...o.readings, ...o.deviant?.readings }, { constraints: false });
  if (!readings.ok) throw new HarnessError('E_READING', `${readings.problems.join('; ')} (see docs/semantics.md)`);
  const log = o.log ?? (() => undefined);
  const tables = o.statePath ? loadTables(o.statePath) : undefined;
  const journal = o.statePath && tables ? new Journal(tables, o.statePath, log) : undefined;
  const state = new EmulatorState(region, (c) => journal?.record(c), tables);
  const functions = new Functions(o.functions ?? {}, region);
  for (const p of o.pools ?? [])
    if (!functions.resolve(p.syncTrigger))
      throw new HarnessError(
        'E_OPTION',
        `pool ${p.name}: its Sync Trigger ${p.syncTrigger} is not a registered function`,
      );
  const closing = new AbortController();
  const counters = new Counters();
  const faults = new FaultBox(o.faults);
  const ctx: EmulatorContext = {
    region,
    state,
    functions,
    readings: readings.readings,
    deviant: o.deviant ?? {},
    faults,
    counters,
    locks: new KeyedLock(),
    log,
    closing: closing.signal,
    durable: () => journal?.durable() ?? Promise.resolve(),
  };
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void serve(ctx, req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = o.port ?? DEFAULT_PORT;
  const host = o.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      const why =
        e.code === 'EADDRINUSE'
          ? `port ${String(port)} on ${host} is in use: stop what runs there, or pick another port (0 picks a free one)`
          : `cannot listen on ${host}:${String(port)}: ${e.message}`;
      reject(new HarnessError('E_PORT', why, { cause: e }));
    });
    server.listen(port, host, resolve);
  });
  const bound = (server.address() as AddressInfo).port;
  const pools: Record<string, string> = {};
  for (const p of o.pools ?? []) {
    const pool = [...state.pools.values()].find((x) => x.name === p.name) ?? state.createPool(p.name, true);
    state.setEvents(pool, { SyncTrigger: functions.arn(p.syncTrigger) });
    pools[p.name] = pool.id;
  }
  await ctx.durable();
  let closed: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${String(bound)}`,
    port: bound,
    region,
    setFaults: (f) => {
      faults.set(f);
    },
    stats: () => ({
      requests: { ...counters.requests },
      triggerInvocations: counters.triggers,
      lambdaInvocations: counters.lambdas,
      datasets: state.datasets.size,
      devices: state.devices.size,
      subscriptions: state.subscriptions.size,
      injected: { ...faults.injected },
    }),
    functionArn: (name) => functions.arn(name),
    pools,
    close: () =>
      (closed ??= (async () => {
        const stopped = new Promise<void>((resolve) => {
          server.close(() => {
            resolve();
          });
        });
        closing.abort();
        for (const s of sockets) s.destroy();
        await stopped;
        await functions.close();
        journal?.close();
      })()),
  };
}
