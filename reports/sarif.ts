/**
 * `report.sarif`: the run as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. One rule per check of
 * the run; one result per failed check, placed at the handler's own frame where it threw (else on the handler
 * module); harness trouble (an error, a timeout, a skip) as tool notifications, never as a result that could read
 * as a pass. Validated against the SARIF 2.1.0 JSON Schema in the tests.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CheckResult, Counterexample, RootCause, RunResult } from '../harness/index.ts';
import { clip, elideJson } from './elide.ts';
import { exampleOf, OUTCOME_TEXT, problemLines, restsOnText, troubleText, verdictOf } from './format.ts';
import { failureSite, sourceRoot } from './site.ts';
import { jsonText, showControls } from './visible.ts';

/** The schema a SARIF file names (the SARIF 2.1.0 JSON Schema, as SchemaStore serves it). */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Where the package is described, for the tool's `informationUri` and each rule's help. */
const HOME = 'https://www.npmjs.com/package/cognito-sync-conformance';

/** Most characters of a result's message: code scanning shows it as the alert's text. */
const MESSAGE_CHARS = 2000;

/**
 * A message's text: `[`, `]` and `\\` escaped, as SARIF asks of literal brackets (it reads `[text](target)` in a
 * message as a link, which a handler's error message must not plant).
 */
const messageText = (s: string): string => s.replace(/[[\]\\]/g, (c) => `\\${c}`);

/**
 * Every string of the log with its control and bidi characters made visible: handler text (errors, logs, keys),
 * user property names and paths all reach code scanning's pages, where a bidi override would reorder a file name.
 */
function inert(v: unknown): unknown {
  if (typeof v === 'string') return showControls(v);
  if (Array.isArray(v)) return v.map(inert);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, inert(x)]));
  return v;
}

/** `error` for what blocks the verdict (a must check, or any check under --strict), else `warning`. */
const levelOf = (c: Pick<CheckResult, 'level'>, strict: boolean): 'error' | 'warning' =>
  c.level === 'must' || strict ? 'error' : 'warning';

function rule(c: CheckResult, strict: boolean): object {
  const topic = c.id.split('/')[0] ?? c.id;
  return {
    id: c.id,
    name: c.id.replace(/[^a-zA-Z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ?? '').toUpperCase()),
    shortDescription: { text: c.title },
    fullDescription: { text: `${c.title} (${c.level}, ${c.basis}, CONTRACT ${c.clause})` },
    help: {
      text: `${c.title}. Level ${c.level}; basis ${c.basis}; CONTRACT ${c.clause}. Every failure comes with a replay command in the run's report.`,
    },
    helpUri: `${HOME}#the-checks`,
    defaultConfiguration: { level: levelOf(c, strict) },
    properties: { tags: ['cognito-sync', topic, c.level, c.basis], precision: 'very-high' },
  };
}

/**
 * A stable identity of the bug across runs (the event and seed change; the check it is counted under and its
 * signature — how the handler failed and where, or the check's violation codes — do not).
 */
function fingerprint(cause: RootCause, line: string): string {
  return `${cause.home}|${cause.signature}|${line}`;
}

/** One result per root cause, under its home check's rule: a crash that failed six checks is one alert. */
function result(run: RunResult, cause: RootCause, cx: Counterexample, root: string): object {
  const index = run.checks.findIndex((c) => c.id === cause.home);
  const c = run.checks[index];
  const site = failureSite(run, cx, root);
  const others = cause.checks.filter((id) => id !== cause.home);
  const lines = [
    `${cause.home}: ${c?.title ?? cause.title}`,
    ...problemLines(cx).map((m) => clip(elideJson(m, 200), 600)),
    ...(others.length ? [`also seen in ${others.join(', ')}`] : []),
    ...[restsOnText(cx)].filter((l) => l !== undefined),
    `replay: ${cx.replay}`,
  ];
  const location = site && {
    physicalLocation: {
      artifactLocation: isAbsolute(site.file)
        ? { uri: pathToFileURL(site.file).href }
        : { uri: encodeURI(site.file), uriBaseId: 'SRCROOT' },
      // Code scanning wants a line: a reply judged wrong has none of its own, so the alert sits on line 1.
      region: { startLine: site.line ?? 1, ...(site.column ? { startColumn: site.column } : {}) },
    },
  };
  return {
    ruleId: cause.home,
    ruleIndex: index,
    level: c ? levelOf(c, run.options.strict) : 'error',
    message: { text: messageText(clip(lines.join('\n'), MESSAGE_CHARS)) },
    ...(location ? { locations: [location] } : {}),
    partialFingerprints: {
      'cognitoSyncConformance/v1': fingerprint(cause, site ? `${site.file}:${site.line ?? 0}` : ''),
    },
    properties: {
      rootCause: cause.id,
      seenIn: cause.checks,
      seed: cx.seed,
      path: cx.path,
      eventHash: cx.eventHash,
      replay: cx.replay,
    },
  };
}

/** An error, a timeout or a skip: the tool could not judge the check, which code scanning must not read as a pass. */
function notification(c: CheckResult): object {
  return {
    descriptor: { id: c.id },
    level: c.outcome === 'skip' ? 'warning' : 'error',
    message: { text: messageText(`${c.id} ${OUTCOME_TEXT[c.outcome]}: ${troubleText(c) ?? ''}`.trim()) },
  };
}

/**
 * Renders a run as a SARIF 2.1.0 log.
 * @param run - the run
 * @param root - the folder file paths are relative to (`%SRCROOT%`) @defaultValue {@link sourceRoot}: the GitHub
 *   workspace in a GitHub Actions job, else the working directory
 * @example
 * writeFileSync('report.sarif', renderSarif(run));
 */
export function renderSarif(run: RunResult, root: string = sourceRoot()): string {
  const checks = run.checks;
  const trouble = checks.filter((c) => c.outcome !== 'pass' && c.outcome !== 'fail');
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: run.tool.name,
            version: run.tool.version,
            semanticVersion: run.tool.version,
            informationUri: HOME,
            rules: checks.map((c) => rule(c, run.options.strict)),
          },
        },
        // A base URI ends with a slash (SARIF §3.14.14), which pathToFileURL leaves off.
        originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(root).href.replace(/\/$/, '')}/` } },
        invocations: [
          {
            executionSuccessful: !run.summary.partial,
            startTimeUtc: run.startedAt,
            ...(trouble.length ? { toolExecutionNotifications: trouble.map(notification) } : {}),
          },
        ],
        results: run.rootCauses.flatMap((cause) => {
          const cx = exampleOf(run, cause);
          return cx ? [result(run, cause, cx, root)] : [];
        }),
        properties: {
          verdict: verdictOf(run),
          target: run.target.description,
          seed: run.options.seed,
          summary: run.summary,
        },
      },
    ],
  };
  return `${jsonText(inert(log), 2)}\n`;
}
