/**
 * The file `replay --from` reads: a `report.json`, or the failure store (`.conformance/failures.json`), which a
 * replay line names for a stored case its seed and path no longer lead to. Both are read as untrusted JSON: every
 * field used is checked, and a file this version cannot read is an `E_REPLAY_FILE`, never a crash or a guess.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HarnessError, mapFailures, RUN_RESULT_SCHEMA_VERSION, type RunResult } from '../harness/index.ts';
import { FAILURE_STORE_VERSION } from '../harness/failureStore.ts';
import { shellQuote } from '../harness/replayCommand.ts';

/** What a `--from` file gives a replay. */
export interface ReplaySource {
  /** The file, for messages. */
  readonly file: string;
  readonly input: unknown;
  /** The hash of the event the case failed with: the input must still build that event. */
  readonly eventHash?: string;
  /** From a report: the run's target, readings and config, the defaults of the replay. */
  readonly run?: {
    readonly target: RunResult['target'];
    readonly readings: Readonly<Record<string, string>>;
    readonly config?: string;
  };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const TARGET_KINDS: readonly string[] = ['module', 'command', 'bootstrap', 'lambda', 'cognito-sync'];

const fileError = (file: string, why: string): HarnessError =>
  new HarnessError(
    'E_REPLAY_FILE',
    `${file} ${why}: give a report.json or the failure store (.conformance/failures.json)`,
  );

/**
 * Reads the case of a check from a `--from` file.
 * @param file - the path
 * @param checkId - the check
 * @param eventHash - which case, when the file may hold several (the failure store)
 * @throws HarnessError `E_REPLAY_FILE` for a file this version cannot read, `E_REPLAY` when it has no such case
 */
export async function readReplaySource(file: string, checkId: string, eventHash?: string): Promise<ReplaySource> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new HarnessError('E_REPLAY_FILE', `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isObject(data)) throw fileError(file, `holds ${Array.isArray(data) ? 'a list' : JSON.stringify(data)}`);
  if ('failures' in data && 'version' in data) return fromStore(file, data, checkId, eventHash);
  return fromReport(file, data, checkId, eventHash);
}

function fromReport(file: string, run: Json, checkId: string, eventHash?: string): ReplaySource {
  const v = run.schemaVersion;
  if (typeof v !== 'number') throw fileError(file, 'has no schemaVersion');
  if (v > RUN_RESULT_SCHEMA_VERSION)
    throw new HarnessError(
      'E_REPLAY_FILE',
      `${file} has report schema version ${v}, newer than this version of the tool reads (${RUN_RESULT_SCHEMA_VERSION}): ` +
        `replay it with the version that wrote it${isObject(run.tool) && typeof run.tool.version === 'string' ? ` (${run.tool.version})` : ''}`,
    );
  // Version 1 held one counterexample per check; version 2 a list of failures, each with its counterexample.
  if (v !== 1 && v !== RUN_RESULT_SCHEMA_VERSION) throw fileError(file, `has report schema version ${v}`);
  const t = run.target;
  if (!isObject(t) || typeof t.handler !== 'string' || !TARGET_KINDS.includes(String(t.kind)))
    throw fileError(file, 'has no target');
  if (t.runtime !== undefined && typeof t.runtime !== 'string') throw fileError(file, 'has a runtime that is not text');
  const readings = run.readings;
  if (!isObject(readings) || Object.values(readings).some((r) => typeof r !== 'string'))
    throw fileError(file, 'has no readings');
  const config = isObject(run.options) ? run.options.config : undefined;
  if (config !== undefined && typeof config !== 'string') throw fileError(file, 'names a config that is not text');
  if (!Array.isArray(run.checks)) throw fileError(file, 'has no checks');
  const check: unknown = run.checks.find((c) => isObject(c) && c.id === checkId);
  const cases: unknown[] = !isObject(check)
    ? []
    : v === 1
      ? [check.counterexample]
      : Array.isArray(check.failures)
        ? check.failures.map((f) => (isObject(f) ? f.counterexample : undefined))
        : [];
  const found = cases.filter((c): c is Json => isObject(c) && 'input' in c);
  if (!found.length) throw new HarnessError('E_REPLAY', `report ${file} has no counterexample for ${checkId}`);
  const cx = eventHash === undefined ? found[0] : found.find((c) => c.eventHash === eventHash);
  if (!cx)
    throw new HarnessError(
      'E_REPLAY',
      `no counterexample of ${checkId} in ${file} has event hash ${eventHash ?? ''} (it has ${found.map((c) => String(c.eventHash)).join(', ')})`,
    );
  return {
    file,
    input: cx.input,
    ...(typeof cx.eventHash === 'string' ? { eventHash: cx.eventHash } : {}),
    run: {
      target: {
        kind: t.kind as RunResult['target']['kind'],
        description: t.handler,
        handler: t.handler,
        ...(typeof t.runtime === 'string' ? { runtime: t.runtime } : {}),
      },
      readings: readings as Record<string, string>,
      ...(config === undefined ? {} : { config }),
    },
  };
}

function fromStore(file: string, store: Json, checkId: string, eventHash?: string): ReplaySource {
  const v = store.version;
  if (typeof v === 'number' && v > FAILURE_STORE_VERSION)
    throw new HarnessError(
      'E_REPLAY_FILE',
      `${file} is a failure store of version ${v}, newer than this version of the tool reads (${FAILURE_STORE_VERSION})`,
    );
  if ((v !== 1 && v !== 2) || !Array.isArray(store.failures)) throw fileError(file, 'is not a failure store');
  const cases = store.failures.filter(
    (f): f is Json => isObject(f) && f.checkId === checkId && (eventHash === undefined || f.eventHash === eventHash),
  );
  const [only, ...more] = cases;
  if (!only)
    throw new HarnessError(
      'E_REPLAY',
      `${file} holds no case of ${checkId}${eventHash ? ` with event hash ${eventHash}` : ''}: it passed since (and was ` +
        'cleared) or was dropped; run again to find it anew',
    );
  if (more.length)
    throw new HarnessError(
      'E_REPLAY',
      `${file} holds ${cases.length} cases of ${checkId}: choose one with --event-hash (${cases.map((c) => String(c.eventHash)).join(', ')})`,
    );
  if (typeof only.eventHash !== 'string') throw fileError(file, `has a case of ${checkId} without an event hash`);
  return { file, input: only.input, eventHash: only.eventHash };
}

/**
 * An end-to-end run's replay lines, made true for where its report goes: the live case replays from report.json,
 * whose path only the command knows. Without `--out` there is no report to replay from, and the line says so.
 * @param run - the run result of `run --cognito-sync`
 * @param out - the `--out` folder, if any
 */
export function liveReplayLines(run: RunResult, out: string | undefined): RunResult {
  const line = (checkId: string): string =>
    out === undefined
      ? `npx cognito-sync-conformance replay ${checkId} --from <folder>/report.json (write the report with run --out <folder>)`
      : `npx cognito-sync-conformance replay ${checkId} --from ${shellQuote(join(out, 'report.json'))}`;
  return {
    ...run,
    checks: run.checks.map((c) =>
      c.outcome === 'fail'
        ? {
            ...c,
            failures: mapFailures(c.failures, (f) => ({
              ...f,
              counterexample: { ...f.counterexample, replay: line(c.id) },
            })),
          }
        : c,
    ),
  };
}
