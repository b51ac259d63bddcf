/**
 * A run as GitHub Actions shows it: workflow-command annotations (`::error file=…,line=…::…`) at the handler's own
 * frame of each failure, and step outputs. Pure: `report github` (cli) writes them where the runner reads them.
 *
 * Workflow commands are parsed from the job's log, so every value here is escaped as the Actions toolkit does
 * (`%`, CR, LF; and `:` and `,` in properties): no handler text can end an annotation early or start a command of
 * its own.
 */
import type { Counterexample, RootCause, RunResult } from '../harness/index.ts';
import { clip, elideJson } from './elide.ts';
import {
  exampleOf,
  OUTCOME_TEXT,
  problemLines,
  restsOnText,
  troubleText,
  verdictOf,
  type RunVerdict,
} from './format.ts';
import { failureSite, sourceRoot } from './site.ts';
import { terminalText } from './visible.ts';

/** Most characters of one annotation's message (GitHub shows the start of long ones). */
const ANNOTATION_CHARS = 2000;

/** A workflow command's message: `%`, CR and LF escaped (toolkit `escapeData`). */
export const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** A workflow command's property value: as data, plus `:` and `,` (toolkit `escapeProperty`). */
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One workflow command line. */
function command(
  kind: 'error' | 'warning' | 'notice',
  props: Record<string, string | number>,
  message: string,
): string {
  const p = Object.entries(props)
    .map(([k, v]) => `${k}=${escapeProperty(terminalText(String(v)))}`)
    .join(',');
  return `::${kind}${p ? ` ${p}` : ''}::${escapeData(terminalText(message))}`;
}

function failureAnnotation(run: RunResult, cause: RootCause, cx: Counterexample, root: string): string {
  const site = failureSite(run, cx, root);
  const blocking = cause.level === 'must' || run.options.strict;
  const others = cause.checks.filter((id) => id !== cause.home);
  const restsOn = restsOnText(cx);
  const lines = [
    ...problemLines(cx).map((m) => clip(elideJson(m, 200), 600)),
    ...(others.length ? [`also seen in ${others.join(', ')}`] : []),
    ...(restsOn ? [restsOn] : []),
    `replay: ${cx.replay}`,
  ];
  return command(
    blocking ? 'error' : 'warning',
    {
      ...(site ? { file: site.file } : {}),
      ...(site?.line !== undefined ? { line: site.line } : {}),
      ...(site?.column !== undefined ? { col: site.column } : {}),
      title: `${cause.id} ${cause.home} (${cause.level}): ${cause.title}`,
    },
    clip(lines.join('\n'), ANNOTATION_CHARS),
  );
}

/**
 * The annotations of a run: one per root cause (a crash that failed six checks is one annotation), at the handler's
 * own frame where it threw (else on its module); one per check that errored, timed out or stayed incomplete (an
 * error: no verdict) or was skipped (a warning).
 * @param run - the run
 * @param root - the folder `file=` paths are relative to @defaultValue {@link sourceRoot}
 */
export function githubAnnotations(run: RunResult, root: string = sourceRoot()): string[] {
  const failures = run.rootCauses.flatMap((cause) => {
    const cx = exampleOf(run, cause);
    return cx ? [failureAnnotation(run, cause, cx, root)] : [];
  });
  return failures.concat(
    run.checks.flatMap((c) => {
      if (c.outcome === 'fail' || c.outcome === 'pass') return [];
      const kind = c.outcome === 'skip' ? 'warning' : 'error';
      return [
        command(kind, { title: `${c.id} ${OUTCOME_TEXT[c.outcome]}` }, troubleText(c) ?? OUTCOME_TEXT[c.outcome]),
      ];
    }),
  );
}

/** The outputs a step sets, by name. */
export interface GithubOutputs {
  /** `conformant`, `not-conformant` or `partial`. */
  readonly verdict: RunVerdict;
  /** `true` or `false`. */
  readonly conformant: string;
  /** The report folder. */
  readonly 'report-dir': string;
  /** `report.json` in it. */
  readonly 'report-json': string;
  /** `report.sarif` in it (written by the `sarif` reporter). */
  readonly sarif: string;
  readonly passed: string;
  readonly failed: string;
  readonly errored: string;
  readonly skipped: string;
  readonly 'timed-out': string;
}

/**
 * The step outputs of a run.
 * @param run - the run
 * @param reportDir - the folder holding its reports
 */
export function githubOutputs(run: RunResult, reportDir: string): GithubOutputs {
  const s = run.summary;
  const dir = reportDir.replace(/\/+$/, '') || '.';
  return {
    verdict: verdictOf(run),
    conformant: String(s.conformant),
    'report-dir': dir,
    'report-json': `${dir}/report.json`,
    sarif: `${dir}/report.sarif`,
    passed: String(s.passed),
    failed: String(s.failed),
    errored: String(s.errored),
    skipped: String(s.skipped),
    'timed-out': String(s.timedOut),
  };
}

/**
 * Outputs in the `$GITHUB_OUTPUT` file format: each as `name<<DELIMITER`, the value, the delimiter, so a value may
 * hold any text (a path with a line break cannot set another output).
 * @param outputs - names and values
 * @param delimiter - a line no value contains (random per call in the CLI)
 * @throws Error when a value contains the delimiter
 */
export function outputFileText(outputs: Readonly<Record<string, string>>, delimiter: string): string {
  return Object.entries(outputs)
    .map(([name, value]) => {
      if (value.includes(delimiter) || name.includes(delimiter))
        throw new Error(`output ${name} contains the delimiter ${delimiter}`);
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    })
    .join('');
}
