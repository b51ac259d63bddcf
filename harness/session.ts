/**
 * A session: resolved options, the selected checks, and one started isolate per lane. `checkConformance` runs a
 * session to the end; the Vitest integration runs one check per test through it.
 */
import { resolve } from 'node:path';
import type { Check, CheckContext } from '../suites/check.ts';
import { HarnessError } from '../runtime/errors.ts';
import { discover, startHarvest, steer, type Discovery, type DiscoveryInput } from './discovery/index.ts';
import { genContextOf } from './genContext.ts';
import { FailureStore } from './failureStore.ts';
import type { InitInfo, Invoker } from '../runtime/invoker.ts';
import { resolveOptions, type ResolvedOptions, type RunOptions } from './options.ts';
import { replayLine } from './replayCommand.ts';
import type { CheckResult, HandlerCoverage } from './result.ts';
import { CoverageTally } from './handlerCoverage/tally.ts';
import { coverageScope } from '../runtime/node/coverageScope.ts';
import { runCheck } from './runCheck.ts';
import { selectChecks } from './select.ts';
import { subSeed } from './seeds.ts';
import { shardChecks } from './shards.ts';
import { invokerFactory } from './targets.ts';
import { KnownHangs } from './knownHangs.ts';
import { toolSecrets } from '../runtime/environment.ts';
import { guardTool } from '../runtime/guard.ts';
import { knownSecretsRedactor } from '../runtime/secrets.ts';
import { resolveModulePath } from '../runtime/node/handlerRef.ts';

/** One isolate and what its init reported. */
export interface Lane {
  readonly invoker: Invoker;
  readonly init: InitInfo;
}

/** An open session; close it to release every isolate. */
export interface Session {
  readonly options: ResolvedOptions;
  readonly checks: readonly Check[];
  readonly lanes: readonly Lane[];
  /** The record keys and dataset names the handler acts on, found before the checks (or declared). */
  readonly discovery: Discovery;
  /** The hangs found so far, shared by the checks. */
  readonly hangs: KnownHangs;
  /**
   * Starts one more lane (a check waiting out a deadline leaves its core idle, so a run that met a hang may use
   * more lanes than cores); undefined when it could not start.
   */
  addLane(): Promise<Lane | undefined>;
  /**
   * Runs one check on a lane. `deadline` is the epoch ms after which no check starts (the time budget).
   * @param onProgress - called after each generated case
   * @param signal - stops the run: a check not started is skipped, a running one starts no more cases
   */
  run(
    check: Check,
    lane: Lane,
    deadline?: number,
    onProgress?: (done: number, total: number) => void,
    signal?: AbortSignal,
  ): Promise<CheckResult>;
  /** The handler's coverage so far (every lane's last takes included); undefined for a run that has none. */
  handlerCoverage(): Promise<HandlerCoverage | undefined>;
  /** Writes the failure store and closes every isolate. */
  close(): Promise<void>;
}

/**
 * Resolves options, selects checks and starts the lanes (each an independent isolate of the target).
 * @param input - run options
 * @param lanes - how many isolates to start @defaultValue the resolved `concurrency`, at most one per check
 * @throws HarnessError when the target cannot be loaded
 */
export async function openSession(input: RunOptions, lanes?: number): Promise<Session> {
  guardTool();
  const o = resolveOptions(input);
  // Whatever the handler learned of the tool's secrets anyway (its logs, errors, replies) is replaced in the results.
  const redact = knownSecretsRedactor<CheckResult>(toolSecrets());
  const selected = selectChecks(o);
  if (!selected.length)
    throw new HarnessError(
      'E_NO_CHECKS',
      'no checks selected: --exclude (or the config) leaves out every check --checks names; see `cognito-sync-conformance list`',
    );
  const checks = o.shard ? shardChecks(selected, o.shard) : selected;
  // Harvesting the sources (the TypeScript compiler) goes on in a worker while the lanes start.
  const harvested = startHarvest(discoveryInput(o));
  harvested.catch(() => undefined); // observed by discover(); not an unhandled rejection when a lane fails first
  const make = await invokerFactory(o);
  const started: Lane[] = [];
  const store = o.store === false ? undefined : await FailureStore.open(o.store, o.onWarning);
  let closed = false;
  // A function: `close` sets it while `addLane` awaits, and the compiler does not follow that.
  const isClosed = (): boolean => closed;
  const close = async (): Promise<void> => {
    closed = true;
    await store?.save();
    await Promise.all(started.map((l) => l.invoker.close()));
  };
  try {
    // The lanes start side by side: each is a sandbox process of its own (or a runtime), most of whose start is
    // the system's, not this thread's.
    const count = Math.max(1, Math.min(lanes ?? o.concurrency, checks.length));
    const invokers = Array.from({ length: count }, () => make());
    const inits = await Promise.allSettled(invokers.map((invoker) => invoker.init()));
    invokers.forEach((invoker, i) => {
      const r = inits[i];
      if (r?.status === 'fulfilled') started.push({ invoker, init: r.value });
    });
    const failed = inits.find((r) => r.status === 'rejected');
    if (failed) {
      await Promise.all(invokers.map((invoker) => invoker.close()));
      throw failed.reason;
    }
  } catch (e) {
    await close();
    throw e;
  }
  let discovery: Discovery;
  try {
    discovery = await discover(discoveryInput(o), started[0]?.invoker, harvested);
  } catch (e) {
    await close();
    throw e;
  }
  const tally =
    o.coverage.measured && o.target.kind === 'module'
      ? new CoverageTally(coverageScope(resolveModulePath(o.target.modulePath)), process.cwd())
      : undefined;
  // What discovery ran belongs to the run, not to the first check; what it left unreached steers the generators.
  if (tally) {
    for (const lane of started) await tally.add((await lane.invoker.coverage?.()) ?? []);
    discovery = steer(discovery, tally.report(), process.cwd());
  }
  const gen = genContextOf(o, discovery);
  const hangs = new KnownHangs();
  return {
    options: o,
    checks,
    lanes: started,
    discovery,
    hangs,
    close,
    async handlerCoverage() {
      if (!tally) return o.coverage.measured ? undefined : o.coverage;
      for (const lane of started) await tally.add((await lane.invoker.coverage?.()) ?? []);
      return tally.report();
    },
    async addLane() {
      if (isClosed()) return undefined;
      const invoker = make();
      try {
        const lane = { invoker, init: await invoker.init() };
        // The run may have ended while it started.
        if (isClosed()) throw new Error('closed');
        started.push(lane);
        return lane;
      } catch {
        await invoker.close();
        return undefined;
      }
    },
    async run(check, lane, deadline, onProgress, signal) {
      const seed = subSeed(o.seed, check.id);
      const remaining = deadline === undefined ? undefined : deadline - Date.now();
      const spent = remaining !== undefined && remaining <= 0;
      if (spent || signal?.aborted) {
        const base = { id: check.id, title: check.title, level: check.level, basis: check.basis, clause: check.clause };
        const stop: unknown = signal?.reason;
        return {
          ...base,
          outcome: 'skip',
          runs: 0,
          seed,
          durationMs: 0,
          coverage: {},
          reason: spent
            ? 'the time budget was spent before this check started'
            : `the run stopped before this check started${typeof stop === 'string' ? ` (${stop})` : ''}`,
        };
      }
      const ctx: CheckContext = {
        invoke: (event) => lane.invoker.invoke(event),
        init: lane.init,
        runtime: o.runtime,
        readings: o.readings,
        marginMs: o.marginMs,
        ...(o.discovery.datasetName !== undefined ? { datasetName: o.discovery.datasetName } : {}),
      };
      const out = await runCheck({
        check,
        ctx,
        gen,
        seed,
        runs: o.runs,
        timeLimitMs: Math.min(o.checkTimeLimitMs, remaining ?? Number.POSITIVE_INFINITY),
        stored: store?.forCheck(check, o.handlerLabel) ?? [],
        replayCommand: (info) => replayLine(o, info),
        hangs,
        ...(onProgress ? { onProgress } : {}),
        ...(signal ? { signal } : {}),
      });
      for (const hash of out.nowPassing) store?.clear(check.id, hash, o.handlerLabel);
      for (const failure of out.failures) store?.add({ ...failure, handler: o.handlerLabel });
      // The lane ran only this check since its last take.
      const reached = tally ? await tally.add((await lane.invoker.coverage?.()) ?? []) : undefined;
      return redact(reached ? { ...out.result, handlerReached: reached } : out.result);
    },
  };
}

/** What discovery needs of the resolved options. */
export function discoveryInput(o: ResolvedOptions): DiscoveryInput {
  const t = o.target;
  return {
    target:
      t.kind === 'module'
        ? { kind: 'module', modulePath: resolve(t.modulePath) }
        : t.kind === 'command' || t.kind === 'bootstrap'
          ? { kind: 'command', command: t.command }
          : { kind: 'lambda' },
    keys: o.discovery.keys,
    datasetNames: o.discovery.datasetNames,
    ...(o.discovery.datasetName !== undefined ? { datasetName: o.discovery.datasetName } : {}),
    enabled: o.discovery.enabled,
  };
}
