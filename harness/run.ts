/**
 * A whole conformance run: open a session (one isolate per lane), run the checks side by side with per-check
 * sub-seeds, and return the one run-result every report renders.
 */
import type { RunOptions } from './options.ts';
import { runResultOf, type CheckResult, type RunResult } from './result.ts';
import { rootCausesOf } from './rootCauses.ts';
import { selectChecks } from './select.ts';
import { openSession, type Lane } from './session.ts';

/** The most lanes a run uses. */
const MAX_LANES = 16;

/** Progress of a run, for terminals and CI logs. */
export type RunEvent =
  | { readonly type: 'start'; readonly checks: number; readonly target: string; readonly seed: number }
  | { readonly type: 'check-start'; readonly id: string }
  | { readonly type: 'check-progress'; readonly id: string; readonly done: number; readonly total: number }
  | { readonly type: 'check-end'; readonly result: CheckResult };

/** Library options: run options plus a progress listener and a stop signal. */
export type ConformanceOptions = RunOptions & {
  readonly onEvent?: (e: RunEvent) => void;
  /**
   * Stops the run early, keeping what it found: no check or case starts once it is aborted, the cases under way
   * finish, a shrink under way keeps the smallest failure so far, and the result is partial (`stopped`). Its reason,
   * when a string, is the one the result gives; else `interrupted`.
   */
  readonly signal?: AbortSignal;
  /**
   * Check ids to start before the others (watch mode: the ones that failed last time), for the fastest feedback.
   * The result lists the checks in catalog order whatever order they ran in.
   */
  readonly firstChecks?: readonly string[];
};

/**
 * Runs the conformance suite against a handler and returns the structured result.
 * @param options - the target and run options (see `RunOptions`)
 * @throws HarnessError when the target cannot be loaded or the options are invalid
 * @example
 * const run = await checkConformance({ handler: './handler.js', runs: 50 });
 * if (!run.summary.conformant) process.exitCode = 1;
 */
export async function checkConformance(options: ConformanceOptions): Promise<RunResult> {
  const { onEvent, signal, firstChecks, ...rest } = options;
  const startedAt = Date.now();
  const session = await openSession(rest);
  const o = session.options;
  try {
    const first = session.lanes[0];
    onEvent?.({
      type: 'start',
      checks: session.checks.length,
      target: first?.invoker.description ?? o.handlerLabel,
      seed: o.seed,
    });
    const results = new Map<string, CheckResult>();
    // One stop for the run: the caller's signal (Ctrl-C) or the first failed must check under `bail`.
    const stop = new AbortController();
    const onAbort = (): void => {
      const reason: unknown = signal?.reason;
      stop.abort(typeof reason === 'string' ? reason : 'interrupted');
    };
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const early = new Set(firstChecks);
    const queue = [...session.checks.filter((c) => early.has(c.id)), ...session.checks.filter((c) => !early.has(c.id))];
    const deadline = o.timeBudgetMs !== undefined ? startedAt + o.timeBudgetMs : undefined;
    const running = new Set<Promise<void>>();
    // A check waiting out a deadline leaves its core idle: once the run has met a hang, up to twice as many lanes.
    const maxLanes = Math.min(2 * o.concurrency, MAX_LANES, session.checks.length);
    let growing = false;
    const grow = (): void => {
      if (growing || stop.signal.aborted || !session.hangs.size || !queue.length || session.lanes.length >= maxLanes)
        return;
      growing = true;
      void session.addLane().then((lane) => {
        growing = false;
        if (lane) {
          start(lane);
          grow();
        }
      });
    };
    const start = (lane: Lane): void => {
      const loop = (async () => {
        for (let check = queue.shift(); check; check = queue.shift()) {
          const id = check.id;
          onEvent?.({ type: 'check-start', id });
          const result = await session.run(
            check,
            lane,
            deadline,
            (done, total) => onEvent?.({ type: 'check-progress', id, done, total }),
            stop.signal,
          );
          results.set(id, result);
          onEvent?.({ type: 'check-end', result });
          if (o.bail && result.outcome === 'fail' && result.level === 'must' && !stop.signal.aborted)
            stop.abort(`bail: must check ${id} failed`);
          grow();
        }
      })().finally(() => running.delete(loop));
      running.add(loop);
    };
    for (const lane of session.lanes) start(lane);
    while (running.size) await Promise.race(running);
    signal?.removeEventListener('abort', onAbort);
    const ordered = session.checks.map((c) => results.get(c.id)).filter((r): r is CheckResult => r !== undefined);
    const handlerCoverage = await session.handlerCoverage();
    return runResultOf({
      target: {
        kind: o.target.kind,
        description: first?.invoker.description ?? o.handlerLabel,
        handler: o.handlerLabel,
        ...(o.target.kind === 'module' ? { runtime: o.runtime } : {}),
        ...(first ? { handlerStyle: first.init.style } : {}),
      },
      options: {
        seed: o.seed,
        runs: o.runs,
        strict: o.strict,
        ...(o.timeBudgetMs !== undefined ? { timeBudgetMs: o.timeBudgetMs } : {}),
        ...(o.checks ? { checks: o.checks } : {}),
        ...(o.exclude ? { exclude: o.exclude } : {}),
        ...(o.shard ? { shard: o.shard } : {}),
        ...(o.configFile ? { config: o.configFile } : {}),
        ...(o.minBranchCoverage !== undefined ? { minBranchCoverage: o.minBranchCoverage } : {}),
        available: selectChecks({ properties: o.properties }).length,
      },
      readings: o.readings,
      startedAt,
      checks: ordered,
      rootCauses: rootCausesOf(ordered, (id) => session.checks.find((c) => c.id === id)?.classes ?? []),
      discovery: session.discovery,
      ...(stop.signal.aborted ? { stopped: String(stop.signal.reason) } : {}),
      ...(handlerCoverage ? { handlerCoverage } : {}),
    });
  } finally {
    await session.close();
  }
}
