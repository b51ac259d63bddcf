/**
 * The one resolver of run options: what the CLI, the config file and the library API pass in is validated here
 * (zod, for options only — never for events or replies) and filled with the defaults from `defaults.ts`.
 */
import { z } from 'zod';
import { DATASET_NAME_PATTERN, OPEN_POINTS, resolveReadings, type Readings } from '../model/index.ts';
import { readEnvFile } from '../runtime/environment.ts';
import { HarnessError } from '../runtime/errors.ts';
import { parseHandlerRef, type HandlerRef } from '../runtime/node/handlerRef.ts';
import { loadReadingsFile } from './readingsFile.ts';
import {
  checkTimeLimitFor,
  MAX_SHARDS,
  RUN_DEFAULTS,
  RUNTIME_PROFILES,
  type RuntimeProfile,
  type Shard,
} from './runDefaults.ts';
import { randomSeed } from './seeds.ts';
import { didYouMean } from './suggest.ts';
import type { UserProperty } from '../suites/user.ts';

/** Which target to run against. */
type TargetSpec =
  | { readonly kind: 'module'; readonly modulePath: string; readonly exportName: string }
  | { readonly kind: 'command'; readonly command: string; readonly persistent?: boolean }
  /** A Lambda runtime fed through the Runtime API; `command` is its bootstrap command line. */
  | { readonly kind: 'bootstrap'; readonly command: string }
  | {
      readonly kind: 'lambda';
      readonly functionName: string;
      readonly endpoint?: string;
      readonly region?: string;
      readonly profile?: string;
    };

/** Options as a user gives them (CLI flags, config file, library call). */
export const runOptionsSchema = z
  .object({
    handler: z.string().min(1).optional(),
    command: z.string().min(1).optional(),
    /** With `command`: one process answers every event, one per line (the persistent protocol). */
    persistent: z.boolean().optional(),
    /** A Lambda runtime's bootstrap command line, run through the Lambda Runtime API. */
    bootstrap: z.string().min(1).optional(),
    lambda: z.string().min(1).optional(),
    endpoint: z.url().optional(),
    region: z.string().min(1).optional(),
    profile: z.string().min(1).optional(),
    runtime: z.enum(RUNTIME_PROFILES).optional(),
    isolation: z.enum(['worker', 'process', 'in-process']).optional(),
    checks: z.array(z.string().min(1)).optional(),
    exclude: z.array(z.string().min(1)).optional(),
    runs: z.number().int().positive().max(100_000).optional(),
    seed: z.number().int().optional(),
    timeBudgetMs: z.number().positive().optional(),
    /** Wall-clock limit per check, shrinking included; the default depends on the target (`checkTimeLimitFor`). */
    checkTimeLimitMs: z.number().positive().optional(),
    /** How long a lane's init may take (module load, a runtime's start); never counted in a check's time. */
    initTimeoutMs: z.number().positive().optional(),
    /** Run only this shard's share of the selected checks (`harness/shards.ts`); needs `seed`. */
    shard: z.strictObject({ index: z.int().min(1), count: z.int().min(1).max(MAX_SHARDS) }).optional(),
    strict: z.boolean().optional(),
    /** Stop at the first failed `must` check: no check starts after it, the running ones stop; the run is partial. */
    bail: z.boolean().optional(),
    concurrency: z.number().int().positive().max(16).optional(),
    marginMs: z.number().positive().optional(),
    readings: z.record(z.string(), z.string()).optional(),
    /** A readings file written by `probe`; `readings` given beside it win. */
    readingsFile: z.string().min(1).optional(),
    store: z.union([z.string().min(1), z.literal(false)]).optional(),
    /** Environment variables given to the handler, over the Lambda ones it always gets. */
    env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'not a variable name'), z.string()).optional(),
    /** A dotenv-style file of variables for the handler; `env` given beside it wins. */
    envFile: z.string().min(1).optional(),
    /** Names of the tool's own environment variables passed on to the handler, on purpose. */
    passEnv: z.array(z.string().min(1)).optional(),
    /** Look for the record keys and dataset names the handler acts on (its source, its lookups). */
    discover: z.boolean().optional(),
    /** Record keys the handler acts on, declared (events carry them often, with every fate). */
    keys: z.array(z.string().min(1).max(1024)).optional(),
    /** Dataset names the handler routes on, declared. */
    datasetNames: z.array(z.string().regex(DATASET_NAME_PATTERN).max(128)).optional(),
    /** The one dataset name every event carries. */
    datasetName: z.string().regex(DATASET_NAME_PATTERN).max(128).optional(),
    /** Measure the handler's own code coverage (module targets in `worker` or `process` isolation). */
    coverage: z.boolean().optional(),
    /** The run fails when the handler's branch coverage is below this percentage. */
    minBranchCoverage: z.number().min(0).max(100).optional(),
    /**
     * The config file the options came from, as the run names it. It is not loaded here (the CLI loads it); replay
     * lines and the regression test name it, so that a replay draws with the same values and properties.
     */
    configFile: z.string().min(1).optional(),
  })
  .strict();

/** Options as a user gives them. */
export type RunOptions = z.input<typeof runOptionsSchema> & {
  /** The user's own properties (from the config). */
  readonly properties?: readonly UserProperty[];
  /** Per-key value generators (from the config), passed to the case generators. */
  readonly values?: Readonly<Record<string, unknown>>;
  /** Receives the run's warnings (e.g. a failure store set aside). @defaultValue `process.emitWarning` */
  readonly onWarning?: (message: string) => void;
};

/** Options after resolution: every default filled, the target decided, readings complete. */
export interface ResolvedOptions {
  readonly target: TargetSpec;
  /** The handler as the user named it, for reports and replay lines. */
  readonly handlerLabel: string;
  readonly runtime: RuntimeProfile;
  readonly isolation: 'worker' | 'process' | 'in-process';
  readonly checks?: readonly string[];
  readonly exclude?: readonly string[];
  /** This run is one shard of a run: it runs the shard's share of the selected checks. */
  readonly shard?: Shard;
  readonly runs: number;
  readonly seed: number;
  readonly timeBudgetMs?: number;
  /** Wall-clock limit per check; it starts once the check's lane is up. */
  readonly checkTimeLimitMs: number;
  /** How long a lane's init may take (a module's load, a `--bootstrap` runtime's start). */
  readonly initTimeoutMs: number;
  readonly strict: boolean;
  /** Stop at the first failed `must` check. */
  readonly bail: boolean;
  readonly concurrency: number;
  readonly marginMs: number;
  readonly readings: Readings;
  /** Event-shape readings the user pinned (the generators vary the rest). */
  readonly eventReadings?: Partial<Readings>;
  /** Every reading given explicitly (readings file, config, flags): a replay line repeats them all. */
  readonly givenReadings: Partial<Readings>;
  /** The config file the options came from, as the run names it. */
  readonly configFile?: string;
  readonly onWarning?: (message: string) => void;
  readonly store: string | false;
  /** What the handler's environment gets besides the Lambda variables: the user's, never the tool's own. */
  readonly handlerEnv: { readonly user: Readonly<Record<string, string>>; readonly passThrough: readonly string[] };
  readonly properties: readonly UserProperty[];
  readonly values: Readonly<Record<string, unknown>>;
  /** Whether the handler's coverage is measured, or why not. */
  readonly coverage: { readonly measured: true } | { readonly measured: false; readonly reason: string };
  /** The least branch coverage (percent) a conformant run needs. */
  readonly minBranchCoverage?: number;
  /** What to look for and declare about the keys and dataset names the handler acts on. */
  readonly discovery: {
    readonly enabled: boolean;
    readonly keys: readonly string[];
    readonly datasetNames: readonly string[];
    readonly datasetName?: string;
  };
}

/**
 * Splits `path#export` (default export name `handler`): the runtime's own parser, so that a run, the emulator and
 * the live engine read a handler reference alike.
 */
export const parseHandlerSpec: (spec: string) => HandlerRef = parseHandlerRef;

/** How an option is named to the user: its flag where the CLI has one with the same meaning, else its own name. */
const OPTION_NAMES: Readonly<Record<string, string>> = {
  handler: 'the handler',
  command: '--command',
  persistent: '--persistent',
  bootstrap: '--bootstrap',
  lambda: '--lambda',
  endpoint: '--endpoint-url',
  region: '--region',
  profile: '--profile',
  runtime: '--runtime',
  isolation: '--isolation',
  checks: '--checks',
  exclude: '--exclude',
  runs: '--runs',
  seed: '--seed',
  timeBudgetMs: 'timeBudgetMs (--time-budget)',
  checkTimeLimitMs: 'checkTimeLimitMs (--check-timeout)',
  initTimeoutMs: 'initTimeoutMs (--init-timeout)',
  marginMs: 'marginMs (--margin)',
  strict: '--strict',
  bail: '--bail',
  concurrency: '--concurrency',
  shard: '--shard',
  readings: '--reading',
  readingsFile: '--readings-file',
  store: 'store (--no-store)',
  coverage: 'coverage (--no-coverage)',
  minBranchCoverage: '--min-branch-coverage',
  identityPoolId: '--identity-pool-id',
  maxRequests: '--max-requests',
};

/** A value as the user gave it, for "got …". */
const shown = (v: unknown): string =>
  typeof v === 'string'
    ? JSON.stringify(v)
    : typeof v === 'number' || typeof v === 'boolean'
      ? String(v)
      : v === null
        ? 'null'
        : Array.isArray(v)
          ? 'a list'
          : typeof v;

/** One zod issue in plain words: "--runtime must be one of nodejs18.x, …; got "nodejs16.x"". */
function issueText(i: z.core.$ZodIssue, known: readonly string[]): string {
  const [key, ...rest] = i.path.map(String);
  const name =
    key === undefined
      ? 'the options'
      : key === 'readings' && rest.length
        ? `--reading ${rest.join('.')}`
        : `${OPTION_NAMES[key] ?? key}${rest.length ? `.${rest.join('.')}` : ''}`;
  const got = 'input' in i ? `; got ${shown(i.input)}` : '';
  switch (i.code) {
    case 'invalid_value':
      return `${name} must be ${i.values.length === 1 ? shown(i.values[0]) : `one of ${i.values.map(String).join(', ')}`}${got}`;
    case 'too_small':
      if (i.origin === 'string') return `${name} must not be empty`;
      if (i.origin === 'array') return `${name} must name at least ${String(i.minimum)}`;
      return `${name} must be ${i.inclusive ? 'at least' : 'more than'} ${String(i.minimum)}${got}`;
    case 'too_big':
      return `${name} must be ${i.inclusive ? 'at most' : 'less than'} ${String(i.maximum)}${got}`;
    case 'invalid_type':
      return `${name} must be ${i.expected === 'int' ? 'a whole number' : `a ${i.expected}`}${got}`;
    case 'invalid_format':
      return `${name} must be ${i.format === 'url' ? 'a URL such as http://127.0.0.1:4566' : `a ${i.format}`}${got}`;
    case 'unrecognized_keys':
      return i.keys.map((k) => `unknown option "${k}"${didYouMean(k, known)}`).join('. ');
    case 'invalid_union':
      return key === 'store' ? `${name} must be a file path or false${got}` : `${name} is not valid${got}`;
    default:
      return `${name}: ${i.message}`;
  }
}

/**
 * Option problems in plain words, one sentence each, naming the flag and what was given: `--runtime must be one of
 * nodejs18.x, nodejs20.x, nodejs22.x, nodejs24.x; got "nodejs16.x"`. Parse with `{ reportInput: true }` so the
 * sentences can quote the input.
 * @param e - zod's error
 * @param known - the option names there are, for "did you mean" on an unknown one
 */
export function optionIssuesText(e: z.ZodError, known: readonly string[]): string {
  return e.issues.map((i) => issueText(i, known)).join('. ');
}

/**
 * Validates options and fills the defaults.
 * @param input - options from the CLI, a config file or a library call
 * @throws HarnessError `E_OPTION` naming every problem, `E_READING` for an unknown reading, `E_USAGE` for
 *   options that do not go together
 */
export function resolveOptions(input: RunOptions): ResolvedOptions {
  const { properties = [], values = {}, onWarning, ...rest } = input;
  // reportInput: the messages quote what was given ("got nodejs16.x").
  const parsed = runOptionsSchema.safeParse(rest, { reportInput: true });
  if (!parsed.success)
    throw new HarnessError('E_OPTION', optionIssuesText(parsed.error, Object.keys(runOptionsSchema.shape)));
  const o = parsed.data;
  const targets = [o.handler, o.command, o.bootstrap, o.lambda].filter((t) => t !== undefined);
  if (targets.length !== 1) {
    throw new HarnessError(
      'E_USAGE',
      targets.length
        ? 'give only one of a handler module, --command, --bootstrap or --lambda'
        : 'no target: give a handler module (path[#export]), --command, --bootstrap or --lambda',
    );
  }
  if (o.persistent && o.command === undefined) throw new HarnessError('E_USAGE', '--persistent applies to --command');
  // Shards are joined only when every one drew from the same root seed: a random one each would not join.
  if (o.shard && o.seed === undefined)
    throw new HarnessError(
      'E_SHARD',
      `--shard needs --seed: every shard of a run must draw from the same root seed (e.g. --seed 42 on each)`,
    );
  if (o.shard && o.shard.index > o.shard.count)
    throw new HarnessError(
      'E_SHARD',
      `--shard ${o.shard.index}/${o.shard.count}: the shard must be 1 to ${o.shard.count} (shards count from 1)`,
    );
  // Readings a probe of the service showed, under the ones given explicitly.
  const given = { ...(o.readingsFile ? loadReadingsFile(o.readingsFile) : {}), ...(o.readings ?? {}) };
  const readings = resolveReadings(given);
  if (!readings.ok) throw new HarnessError('E_READING', `${readings.problems.join('; ')} (see docs/semantics.md)`);
  const eventPinned = Object.entries(given).filter(([k]) => OPEN_POINTS.some((p) => p.id === k && p.area === 'event'));
  const target: TargetSpec = o.handler
    ? { kind: 'module', ...parseHandlerSpec(o.handler) }
    : o.command
      ? { kind: 'command', command: o.command, ...(o.persistent ? { persistent: true } : {}) }
      : o.bootstrap
        ? { kind: 'bootstrap', command: o.bootstrap }
        : {
            kind: 'lambda',
            functionName: o.lambda ?? '',
            ...(o.endpoint ? { endpoint: o.endpoint } : {}),
            ...(o.region ? { region: o.region } : {}),
            ...(o.profile ? { profile: o.profile } : {}),
          };
  const coverage = coverageOf(target, o.isolation ?? RUN_DEFAULTS.isolation, o.coverage ?? RUN_DEFAULTS.coverage);
  if (o.minBranchCoverage !== undefined && !coverage.measured)
    throw new HarnessError(
      'E_USAGE',
      `--min-branch-coverage needs the handler's coverage, which is not measured here: ${coverage.reason}`,
    );
  return {
    target,
    handlerLabel: o.handler ?? o.command ?? o.bootstrap ?? o.lambda ?? '',
    runtime: o.runtime ?? RUN_DEFAULTS.runtime,
    isolation: o.isolation ?? RUN_DEFAULTS.isolation,
    ...(o.checks ? { checks: o.checks } : {}),
    ...(o.exclude ? { exclude: o.exclude } : {}),
    ...(o.shard ? { shard: o.shard } : {}),
    runs: o.runs ?? RUN_DEFAULTS.runs,
    seed: o.seed ?? randomSeed(),
    ...(o.timeBudgetMs !== undefined ? { timeBudgetMs: o.timeBudgetMs } : {}),
    checkTimeLimitMs: o.checkTimeLimitMs ?? checkTimeLimitFor(target.kind),
    initTimeoutMs: o.initTimeoutMs ?? RUN_DEFAULTS.initTimeoutMs,
    strict: o.strict ?? false,
    bail: o.bail ?? RUN_DEFAULTS.bail,
    concurrency: o.concurrency ?? RUN_DEFAULTS.concurrency,
    marginMs: o.marginMs ?? RUN_DEFAULTS.marginMs,
    readings: readings.readings,
    ...(eventPinned.length ? { eventReadings: Object.fromEntries(eventPinned) } : {}),
    givenReadings: Object.fromEntries(Object.keys(given).map((k) => [k, readings.readings[k as keyof Readings]])),
    ...(o.configFile ? { configFile: o.configFile } : {}),
    ...(onWarning ? { onWarning } : {}),
    store: o.store ?? RUN_DEFAULTS.store,
    handlerEnv: {
      user: { ...(o.envFile ? readEnvFile(o.envFile) : {}), ...(o.env ?? {}) },
      passThrough: o.passEnv ?? [],
    },
    properties,
    values,
    coverage,
    ...(o.minBranchCoverage !== undefined ? { minBranchCoverage: o.minBranchCoverage } : {}),
    discovery: {
      enabled: o.discover ?? RUN_DEFAULTS.discover,
      keys: o.keys ?? [],
      datasetNames: o.datasetNames ?? [],
      ...(o.datasetName !== undefined ? { datasetName: o.datasetName } : {}),
    },
  };
}

/**
 * Whether the handler's coverage can be measured: only V8 inside a sandbox can measure it (`runtime/node/coverage.ts`).
 * @param target - the run's target
 * @param isolation - how a module runs
 * @param wanted - whether the user asked for it
 */
function coverageOf(target: TargetSpec, isolation: string, wanted: boolean): ResolvedOptions['coverage'] {
  if (!wanted) return { measured: false, reason: 'turned off (--no-coverage)' };
  if (target.kind !== 'module')
    return {
      measured: false,
      reason: `not measured for a ${target.kind === 'lambda' ? '--lambda' : `--${target.kind}`} target: only a JavaScript module run in worker or process isolation is`,
    };
  if (isolation === 'in-process')
    return { measured: false, reason: "not measured in-process: the handler would share the tool's isolate" };
  return { measured: true };
}
