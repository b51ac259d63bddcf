/**
 * Options of an end-to-end run through Cognito Sync: validated in one place (zod, options only), defaults from
 * `defaults.ts`, and the plan the run announces before its first request — all that `--dry-run` prints.
 */
import { z } from 'zod';
import { nonDefaultPoints, resolveReadings, type Readings } from '../model/index.ts';
import { HarnessError } from '../runtime/errors.ts';
import { RUN_DEFAULTS, RUNTIME_PROFILES, type RuntimeProfile } from '../harness/runDefaults.ts';
import { optionIssuesText } from '../harness/options.ts';
import { randomSeed } from '../harness/seeds.ts';
import { matchesCheck } from '../harness/select.ts';
import { CATALOG } from '../suites/catalog.ts';
import type { Check } from '../suites/check.ts';
import { caseCost, type LiveCaseInput } from './cases.ts';
import { LIVE_CHECK_ID } from './liveResult.ts';
import { LIVE_DEFAULTS } from './liveDefaults.ts';

/** An identity pool id, `REGION:GUID` (CONTRACT §3). */
const POOL_ID = /^[\w-]+:[0-9a-f-]+$/;

/** Options of an end-to-end run, as a user gives them. */
const liveOptionsSchema = z
  .object({
    /** The handler module deployed as the pool's Sync Trigger, `path[#export]` (run locally for the prediction). */
    handler: z.string().min(1),
    /** The pool whose Sync Trigger is that handler. @defaultValue the pool named `sync_trigger_conformance` */
    identityPoolId: z.string().max(55).regex(POOL_ID, 'an identity pool id looks like us-east-1:0f6c1a2b-…').optional(),
    endpoint: z.url().optional(),
    region: z.string().min(1).optional(),
    profile: z.string().min(1).optional(),
    runtime: z.enum(RUNTIME_PROFILES).optional(),
    runs: z.number().int().positive().max(10_000).optional(),
    seed: z.number().int().optional(),
    maxRequests: z.number().int().positive().optional(),
    readings: z.record(z.string(), z.string()).optional(),
    /** Record keys whose values the handler computes on each run (a random id): compared by presence only. */
    presenceOnly: z.array(z.string().min(1).max(1024)).optional(),
    maxAttempts: z.number().int().min(1).max(10).optional(),
    concurrency: z.number().int().positive().max(LIVE_DEFAULTS.maxConcurrency).optional(),
    /**
     * Checks to run end to end besides `live/model-agrees`: ids or topics of the `sessions/` checks, each run on
     * `sessionRuns` sessions of its own through the service.
     */
    checks: z.array(z.string().min(1)).optional(),
    /** Sessions of each selected `sessions/` check. @defaultValue 3 */
    sessionRuns: z.number().int().positive().max(100).optional(),
  })
  .strict();

/** Options of an end-to-end run. */
export type LiveOptions = z.input<typeof liveOptionsSchema> & {
  /** Stops the run between requests (Ctrl-C); the datasets made so far are still deleted. */
  readonly signal?: AbortSignal;
  /** Called after each case. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Run these cases instead of drawing them from the seed (a replay). */
  readonly cases?: readonly LiveCaseInput[];
};

/** Options with every default filled. */
export interface ResolvedLiveOptions {
  readonly handler: string;
  readonly identityPoolId?: string;
  readonly endpoint?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly runtime: RuntimeProfile;
  readonly runs: number;
  readonly seed: number;
  readonly maxRequests: number;
  readonly readings: Readings;
  /** Keys compared by presence only. @defaultValue none (times the handler writes are compared by shape anyway) */
  readonly presenceOnly: readonly string[];
  readonly maxAttempts: number;
  readonly concurrency: number;
  /** The `sessions/` checks run end to end, in catalog order. @defaultValue none */
  readonly sessionChecks: readonly Check[];
  readonly sessionRuns: number;
}

/**
 * The `sessions/` checks `--checks` names for an end-to-end run (`live/model-agrees` always runs).
 * @throws HarnessError `E_CHECK_ID` for a pattern that names neither
 */
function sessionChecksOf(patterns: readonly string[]): Check[] {
  const sessions = CATALOG.filter((c) => c.id.startsWith('sessions/'));
  for (const p of patterns)
    if (!matchesCheck(p, LIVE_CHECK_ID) && !sessions.some((c) => matchesCheck(p, c.id)))
      throw new HarnessError(
        'E_CHECK_ID',
        `--cognito-sync runs live/model-agrees and, with --checks, the sessions/ checks end to end: "${p}" names neither (${sessions.map((c) => c.id).join(', ')})`,
      );
  return sessions.filter((c) => patterns.some((p) => matchesCheck(p, c.id)));
}

/**
 * Validates the options of an end-to-end run and fills the defaults.
 * @throws HarnessError `E_OPTION` naming every problem, `E_READING` for an unknown reading
 */
export function resolveLiveOptions(input: LiveOptions): ResolvedLiveOptions {
  const { cases } = input;
  const rest = Object.fromEntries(
    Object.entries(input).filter(([k]) => k !== 'signal' && k !== 'onProgress' && k !== 'cases'),
  );
  const parsed = liveOptionsSchema.safeParse(rest, { reportInput: true });
  if (!parsed.success)
    throw new HarnessError('E_OPTION', optionIssuesText(parsed.error, Object.keys(liveOptionsSchema.shape)));
  const o = parsed.data;
  const readings = resolveReadings(o.readings ?? {});
  if (!readings.ok) throw new HarnessError('E_READING', `${readings.problems.join('; ')} (see docs/semantics.md)`);
  return {
    handler: o.handler,
    ...(o.identityPoolId ? { identityPoolId: o.identityPoolId } : {}),
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    ...(o.region ? { region: o.region } : {}),
    ...(o.profile ? { profile: o.profile } : {}),
    runtime: o.runtime ?? RUN_DEFAULTS.runtime,
    runs: cases?.length ?? o.runs ?? LIVE_DEFAULTS.runs,
    seed: o.seed ?? randomSeed(),
    maxRequests: o.maxRequests ?? LIVE_DEFAULTS.maxRequests,
    readings: readings.readings,
    presenceOnly: o.presenceOnly ?? [],
    maxAttempts: o.maxAttempts ?? LIVE_DEFAULTS.maxAttempts,
    concurrency: o.concurrency ?? LIVE_DEFAULTS.concurrency,
    sessionChecks: sessionChecksOf(o.checks ?? []),
    sessionRuns: o.sessionRuns ?? LIVE_DEFAULTS.sessionCheckRuns,
  };
}

/** Identities a run takes for `runs` cases. */
const identitiesFor = (runs: number): number => Math.max(1, Math.ceil(runs / LIVE_DEFAULTS.datasetsPerIdentity));

/** Requests before the first case: the pool look-up, its Sync Trigger, the credentials check. */
const SETUP_REQUESTS = 2;

/**
 * What a run will do, in a few lines, before it sends anything.
 * @param o - the resolved options
 * @param cases - the cases it will run
 */
export function livePlan(o: ResolvedLiveOptions, cases: readonly LiveCaseInput[]): string[] {
  const identities = identitiesFor(cases.length);
  let budget = o.maxRequests - SETUP_REQUESTS;
  let fit = 0;
  let need = SETUP_REQUESTS;
  for (const [i, c] of cases.entries()) {
    const cost = caseCost(c) + (i % LIVE_DEFAULTS.datasetsPerIdentity === 0 ? 2 : 0);
    need += cost;
    if (budget >= cost && fit === i) {
      budget -= cost;
      fit++;
    }
  }
  const sessions = cases.filter((c) => c.kind === 'session').length;
  const checkCases = cases.filter((c) => c.kind === 'check').length;
  const singles = cases.length - sessions - checkCases;
  const nonDefault = nonDefaultPoints(o.readings).map((id) => `${id}=${o.readings[id]}`);
  return [
    `end to end through Cognito Sync at ${o.endpoint ?? 'AWS'}, region ${o.region ?? 'from the SDK chain (AWS_REGION, the profile)'}`,
    `  identity pool   ${o.identityPoolId ?? `the one named ${LIVE_DEFAULTS.poolName} (looked up with ListIdentityPools)`}`,
    `  handler         ${o.handler} on ${o.runtime}, run locally for the model's prediction (readings: ${nonDefault.length ? nonDefault.join(', ') : 'the defaults'})`,
    `  identities      ${String(identities)} new unauthenticated (GetId, GetCredentialsForIdentity); your own credentials seed datasets`,
    `  datasets        ${String(cases.length)} named ${LIVE_DEFAULTS.datasetPrefix}<run id>-<n> (${String(singles)} single sync${singles === 1 ? '' : 's'}, ${String(sessions)} multi-device session${sessions === 1 ? '' : 's'}${checkCases ? `, ${String(checkCases)} session${checkCases === 1 ? '' : 's'} of ${o.sessionChecks.map((c) => c.id).join(', ')}` : ''}), each deleted after its case`,
    `  requests        at most ${String(Math.min(need, o.maxRequests))}, cleanup aside (--max-requests ${String(o.maxRequests)})${fit < cases.length ? `: only ${String(fit)} of ${String(cases.length)} cases fit; raise --max-requests or lower --runs` : ''}`,
    `  side by side    ${String(o.concurrency)} case(s); throttling is retried up to ${String(LIVE_DEFAULTS.throttleRetries)} times with backoff from ${String(LIVE_DEFAULTS.backoffMs)} ms`,
    `  seed            ${String(o.seed)} (a live run is recorded by its trace, not reproduced by its seed)`,
  ];
}
