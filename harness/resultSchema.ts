/**
 * The format of `report.json`, as a zod schema: the one source of the shipped JSON Schema
 * (`reports/schema/report.schema.json`, generated from it by `npm run docs`; a test fails when the file is stale).
 * It describes the run result as written: `compactReport` may leave a huge copy of a counterexample's input out
 * (`inInput`). Its closed lists come from the model (outcomes, invocation kinds, violation codes, service errors,
 * undocumented points), and a type test keeps it true to `RunResult`.
 */
import { z } from 'zod';
import { OPEN_POINTS, SERVICE_ERROR_STATUS, TIMELINE_KINDS, VIOLATION_CODES } from '../model/index.ts';
import { coverageShortSchema, handlerCoverageSchema, handlerReachedSchema } from './handlerCoverage/schema.ts';
import { RUN_RESULT_SCHEMA_VERSION } from './result.ts';

const count = z.int().min(0);
const ms = z.number().min(0);
const id = <T extends z.ZodType>(
  name: string,
  schema: T,
  description?: string,
  extra: Record<string, unknown> = {},
): T => schema.meta({ id: name, ...(description ? { description } : {}), ...extra });

/** A field of a counterexample is written, or named in `inInput` (the JSON Schema says so; zod cannot). */
const writtenOrInInput = (field: string): unknown => ({
  anyOf: [
    { required: [field] },
    { required: ['inInput'], properties: { inInput: { type: 'object', required: [field] } } },
  ],
});

const point = id(
  'point',
  z.enum(OPEN_POINTS.map((p) => p.id) as [string, ...string[]]),
  'The id of an undocumented point of the contract (docs/semantics.md), e.g. reply.nullEntry.',
);

const values = id('values', z.record(z.string(), z.string()), 'Live values of a dataset: key to value.');

const lambdaError = id(
  'lambdaError',
  z.strictObject({ errorType: z.string(), errorMessage: z.string(), trace: z.array(z.string()) }),
  'The error payload a Lambda runtime reports.',
);

const invocationBase = { ms, logs: z.string(), coldStart: z.boolean().optional() };
const invocation = id(
  'invocation',
  z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('replied'),
      ...invocationBase,
      json: z.string().describe('The reply exactly as Lambda serializes it.'),
      invalidUtf8: z
        .boolean()
        .optional()
        .describe("The reply's bytes were not valid UTF-8 (json is their lossy decoding)."),
    }),
    z.strictObject({ kind: z.literal('threw'), ...invocationBase, error: lambdaError }),
    z.strictObject({ kind: z.literal('timed-out'), ...invocationBase, deadlineMs: z.number() }),
    z.strictObject({
      kind: z.literal('no-reply'),
      ...invocationBase,
      sends: z
        .union([z.strictObject({ json: z.string() }), z.strictObject({ error: lambdaError })])
        .describe('What the runtime sends for a handler that never completes.'),
    }),
    z.strictObject({ kind: z.literal('crashed'), ...invocationBase, detail: z.string() }),
  ]),
  'One invocation of the handler: how it ended, its time and its console output.',
);

const violation = id(
  'violation',
  z.looseObject({
    code: z.enum(VIOLATION_CODES as [string, ...string[]]),
    path: z.string().describe('JSON path into the reply, e.g. $.datasetRecords["score"].op.'),
    clause: z.string(),
    reading: point.optional(),
  }),
  'One way the reply breaks the contract; further fields depend on code (key, field, actual, limit, …).',
);

const counterexample = id(
  'counterexample',
  z.strictObject({
    seed: z.int().describe("fast-check's seed of the failing case (with path, replays it)."),
    path: z.string(),
    numShrinks: count,
    eventHash: z.string().regex(/^[0-9a-f]{12}$/),
    event: z
      .unknown()
      .optional()
      .describe(
        'The shrunk event exactly as the handler received it (null when an end-to-end case never reached the trigger).',
      ),
    invocations: z.array(invocation),
    messages: z.array(z.string()),
    violations: z.array(violation),
    serviceError: z
      .strictObject({
        name: z.enum(Object.keys(SERVICE_ERROR_STATUS) as [string, ...string[]]),
        status: z.int(),
        message: z.string(),
      })
      .optional(),
    stored: values.optional(),
    expected: values.optional(),
    resulting: values.nullable().optional(),
    input: z.unknown().describe('The exact input of the check (the event, or a session): what a replay re-runs.'),
    replay: z.string(),
    restsOn: z.array(z.strictObject({ point, reading: z.string() })),
    classes: z.array(z.string()).describe('The input classes the case carries.'),
    attributedTo: z
      .string()
      .optional()
      .describe('Not shrunk: the same hang was shrunk in this check, and this case of its classes hung the same way.'),
    timeline: z
      .strictObject({
        devices: z.array(z.string()),
        rows: z.array(
          z.strictObject({
            step: count.describe("The step of the session, from 1; 0 for the check's own syncs after the steps."),
            device: count.describe('Index into devices: the column.'),
            kind: z.enum(TIMELINE_KINDS),
            text: z.string(),
          }),
        ),
      })
      .optional()
      .describe(
        "A session check's run: devices as columns, one row per thing a device did or saw (edit, ListRecords, the trigger's event and reply, UpdateRecords with SyncCounts, conflict, resolution).",
      ),
    inInput: z
      .strictObject({
        event: z.string().optional(),
        stored: z.string().optional(),
        expected: z.string().optional(),
        resulting: z.string().optional(),
      })
      .optional()
      .describe(
        'Fields written only once, inside input, because they are large copies of a part of it: field name to a JSON Pointer (RFC 6901) into input ("" is the whole input). Each field named here is absent from the counterexample; expandReport puts it back.',
      ),
  }),
  'Everything needed to replay and understand one failure, from the report alone.',
  { allOf: ['event', 'stored', 'expected', 'resulting'].map(writtenOrInInput) },
);

const failure = id(
  'failure',
  z.strictObject({
    signature: z.string().describe('Equal for the same bug in every check.'),
    kind: z.enum(['handler', 'check']),
    title: z.string(),
    counterexample,
  }),
  'One distinct failure of a check.',
);

const latency = id(
  'latency',
  z.strictObject({
    count,
    min: z.number(),
    p50: z.number(),
    p90: z.number(),
    p99: z.number(),
    max: z.number(),
    coldStarts: count,
    coldMs: ms.optional(),
  }),
);

const dependence = id(
  'dependence',
  z.strictObject({ point, outcomes: z.array(z.strictObject({ reading: z.string(), outcome: z.string() })) }),
);

const checkBase = {
  id: z.string(),
  title: z.string(),
  level: z.enum(['must', 'should']),
  basis: z.enum(['documented', 'observed', 'undocumented']),
  clause: z.string(),
  runs: count.describe('Cases run, shrinking not counted.'),
  seed: z.int().describe("The check's sub-seed, derived from the root seed and the check id."),
  durationMs: ms,
  latency: latency.optional(),
  coverage: z.record(z.string(), count).describe('Generated cases per input class.'),
  keysExercised: z
    .record(z.string(), z.record(z.string(), count))
    .optional()
    .describe('How the keys the handler acts on came up: key to fate (new, remove, null-entry, …) to cases.'),
  datasetNamesExercised: z
    .record(z.string(), z.record(z.string(), count))
    .optional()
    .describe(
      'How the dataset names the handler routes on came up: name to `events` (cases carrying it) and to each input class of those cases.',
    ),
  dependsOn: z.array(dependence).optional(),
  notRun: count
    .optional()
    .describe('Cases drawn but not run: they carry the input classes of a hang the check confirmed.'),
  handlerReached: handlerReachedSchema.optional(),
};

const check = id(
  'check',
  z.discriminatedUnion('outcome', [
    z.strictObject({ ...checkBase, outcome: z.literal('pass') }),
    z.strictObject({ ...checkBase, outcome: z.literal('fail'), failures: z.array(failure).min(1) }),
    z.strictObject({
      ...checkBase,
      outcome: z.literal('error'),
      error: z.strictObject({ code: z.string(), message: z.string() }),
    }),
    z.strictObject({ ...checkBase, outcome: z.enum(['skip', 'timeout', 'incomplete']), reason: z.string() }),
  ]),
  'The result of one check. Only pass is a pass: fail holds every distinct failure; error, skip, timeout and incomplete leave the run partial.',
);

const rootCause = id(
  'rootCause',
  z.strictObject({
    id: z.string().regex(/^R\d+$/),
    signature: z.string(),
    title: z.string(),
    kind: z.enum(['handler', 'check']),
    level: z.enum(['must', 'should']),
    home: z.string().describe('The check it is counted under.'),
    checks: z.array(z.string()).describe('Every check it showed in.'),
    example: z.strictObject({ check: z.string(), failure: count }).describe('Where its smallest counterexample is.'),
  }),
  'One bug, wherever it showed: the failures of every check with the same signature.',
);

const discovered = id(
  'discoveredName',
  z.strictObject({
    value: z.string(),
    source: z.enum(['source', 'lookup', 'config']),
    at: z.string().optional(),
    nearUnreached: z
      .boolean()
      .optional()
      .describe('Found near code no case had reached after discovery: the generators drew it more often.'),
  }),
);

const summary = id(
  'summary',
  z.strictObject({
    total: count,
    passed: count,
    failed: count,
    errored: count,
    skipped: count,
    timedOut: count,
    incomplete: count,
    rootCauses: count,
    mustPassed: count,
    mustTotal: count,
    conformant: z.boolean(),
    partial: z.boolean(),
    coverageShort: coverageShortSchema.optional(),
  }),
);

/** The format of `report.json`. */
const runResultSchema = z
  .strictObject({
    schemaVersion: z.literal(RUN_RESULT_SCHEMA_VERSION),
    tool: z
      .strictObject({ name: z.string(), version: z.string() })
      .describe('The tool and version that wrote the report.'),
    target: z
      .strictObject({
        kind: z.enum(['module', 'command', 'bootstrap', 'lambda', 'cognito-sync']),
        description: z.string(),
        handler: z.string(),
        runtime: z.string().optional(),
        handlerStyle: z.string().optional(),
      })
      .describe('What was run: the handler as given, its runtime profile and (for modules) its completion style.'),
    options: z
      .strictObject({
        seed: z.int(),
        runs: z.int().min(1),
        strict: z.boolean(),
        timeBudgetMs: z.number().optional(),
        checks: z.array(z.string()).optional(),
        exclude: z.array(z.string()).optional(),
        config: z.string().optional().describe('The config file the run loaded; replays load it again.'),
        shard: z
          .strictObject({ index: z.int().min(1), count: z.int().min(1) })
          .optional()
          .describe(
            'This run is shard index of count (run --shard): it ran its share of the checks, is partial and never decides the verdict; report merge joins the shards.',
          ),
        available: count.optional().describe('Checks a full run would run: a run of fewer is a subset.'),
        minBranchCoverage: z
          .number()
          .min(0)
          .max(100)
          .optional()
          .describe('The least branch coverage of the handler, in percent, a conformant run needs.'),
      })
      .describe("The run's options."),
    readings: z
      .record(z.string(), z.string())
      .describe('The reading of every undocumented point the model judged under.'),
    nonDefaultReadings: z.array(point).describe('The points whose reading is not the default.'),
    environment: z.strictObject({ node: z.string(), platform: z.string() }),
    startedAt: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/)
      .describe('ISO 8601 UTC.'),
    durationMs: ms.describe('Wall time of the whole run, ms.'),
    summary,
    checks: z.array(check),
    rootCauses: z.array(rootCause).describe('The failures of every check, grouped by bug.'),
    discovery: z
      .strictObject({ keys: z.array(discovered), datasetNames: z.array(discovered) })
      .optional()
      .describe(
        'The record keys and dataset names the handler acts on, found or declared; the generators favoured them.',
      ),
    stopped: z
      .string()
      .optional()
      .describe('Why the run stopped before its checks were done (interrupted, bail); such a run is partial.'),
    handlerCoverage: handlerCoverageSchema.optional(),
  })
  .meta({
    title: 'cognito-sync-conformance report.json',
    description:
      'One conformance run against one Sync Trigger handler. schemaVersion changes when a field changes meaning.',
  });

/** The JSON Schema of `report.json` (draft-07), as shipped. */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    $id: `https://cognito-sync-conformance.invalid/schema/report-${String(RUN_RESULT_SCHEMA_VERSION)}.json`,
    ...z.toJSONSchema(runResultSchema, { target: 'draft-7', unrepresentable: 'throw' }),
  };
}
