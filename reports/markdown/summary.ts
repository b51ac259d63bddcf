/**
 * `summary.md`: the verdict, a table of checks and one section per failure, for a pull-request comment or
 * `$GITHUB_STEP_SUMMARY`. Handler-controlled text is escaped or fenced; the whole stays under GitHub's comment
 * limit by leaving out whole failure sections (never cutting one in half).
 */
import type { CheckResult, RunResult } from '../../harness/index.ts';
import {
  capitalize,
  countsText,
  discoveryText,
  formatMs,
  noDependenceText,
  OUTCOME_SYMBOL,
  OUTCOME_TEXT,
  plural,
  readingsSplitText,
  rootCausesText,
  troubleText,
  stoppedText,
  verdictNote,
  verdictTitle,
} from '../format.ts';
import { coverageShortText, coverageText } from '../coverageText.ts';
import { failureCases } from '../replay/paths.ts';
import { mdCode, mdText } from './escape.ts';
import { failureSection } from './failure.ts';

/** Most characters of the whole summary; GitHub refuses comments over 65,536. */
export const SUMMARY_MAX_CHARS = 60_000;

const row = (c: CheckResult): string => {
  const outcome = c.outcome === 'pass' ? OUTCOME_TEXT.pass : `**${OUTCOME_TEXT[c.outcome]}**`;
  const cells = [
    OUTCOME_SYMBOL[c.outcome],
    outcome,
    c.level,
    mdCode(c.id),
    mdText(c.title),
    String(c.runs),
    formatMs(c.durationMs),
  ];
  return `| ${cells.join(' | ')} |`;
};

function head(run: RunResult): string[] {
  const t = run.target;
  const facts = [
    mdCode(t.handler),
    t.runtime ? `on ${mdText(t.runtime)}` : '',
    `seed ${run.options.seed}`,
    `${plural(run.options.runs, 'run')} per check`,
    run.options.strict ? 'strict' : '',
    formatMs(run.durationMs),
  ].filter(Boolean);
  const readings = run.nonDefaultReadings.length
    ? run.nonDefaultReadings.map((p) => mdCode(`${p}=${run.readings[p]}`)).join(', ')
    : 'the defaults';
  const note = verdictNote(run);
  const out = [
    // Fixed words and numbers only: nothing here comes from the handler.
    `## Sync Trigger conformance: ${verdictTitle(run)}`,
    '',
    facts.join(' · '),
    '',
    `${countsText(run)} · must checks passed: ${run.summary.mustPassed}/${run.summary.mustTotal}`,
    ...(note ? ['', mdText(note)] : []),
    ...(stoppedText(run) ? ['', `**${mdText(capitalize(stoppedText(run) ?? ''))}.**`] : []),
    '',
    `Readings of undocumented points: ${readings}.`,
    ...(discoveryText(run) ? ['', `${mdText(capitalize(discoveryText(run) ?? ''))}.`] : []),
    // The handler's file names are its own: escaped like its other text.
    ...(coverageText(run) ? ['', `${mdText(capitalize(coverageText(run) ?? ''))}.`] : []),
    ...(coverageShortText(run) ? ['', `**${mdText(capitalize(coverageShortText(run) ?? ''))}.**`] : []),
  ];
  const split = readingsSplitText(run, mdCode);
  if (split) out.push('', `${capitalize(split)}.`);
  const depends = [...new Set(run.checks.flatMap((c) => (c.dependsOn ?? []).map((d) => d.point)))];
  out.push(
    '',
    depends.length
      ? `The outcome depends on undocumented behaviour: ${depends.map((p) => mdCode(p)).join(', ')}.`
      : `Undocumented behaviour relied on: ${mdText(noDependenceText(run))}`,
  );
  return out;
}

function troubles(run: RunResult): string[] {
  const rows = run.checks.flatMap((c) => {
    const t = troubleText(c);
    return t === undefined ? [] : [`- ${mdCode(c.id)} ${OUTCOME_TEXT[c.outcome]}: ${mdText(t)}`];
  });
  return rows.length ? ['', '### Not run to the end', '', ...rows] : [];
}

/**
 * Renders `summary.md`.
 * @param run - the run
 * @example
 * await appendFile(process.env.GITHUB_STEP_SUMMARY, renderMarkdown(run));
 */
export function renderMarkdown(run: RunResult): string {
  const table = ['| | outcome | level | check | title | runs | time |', '| - | --- | --- | --- | --- | ---: | ---: |'];
  const out = [...head(run), '', ...table, ...run.checks.map(row), ...troubles(run)];
  let size = out.join('\n').length;
  // One section per root cause, with its smallest case: six checks failing on one crash read as one bug.
  const all = failureCases(run);
  const cases = run.rootCauses.flatMap((cause) => {
    const fc = all.find((x) => x.check.id === cause.example.check && x.failure.signature === cause.signature);
    return fc ? [{ cause, fc }] : [];
  });
  if (cases.length) out.push('', `### ${mdText(rootCausesText(run) ?? '')}`);
  let shown = 0;
  for (const { cause, fc } of cases) {
    const others = cause.checks.filter((id) => id !== cause.home);
    const heading = [
      `#### ${OUTCOME_SYMBOL.fail} ${cause.id} (${cause.level}): ${mdText(cause.title)}`,
      '',
      `Counted under ${mdCode(cause.home)}${others.length ? `; also seen in ${others.map((id) => mdCode(id)).join(', ')}` : ''}.` +
        (fc.check.id !== cause.home ? ` The smallest case, from ${mdCode(fc.check.id)}:` : ''),
    ];
    const section = `\n\n${failureSection(fc, run.readings, heading)}`;
    if (size + section.length > SUMMARY_MAX_CHARS) break;
    out.push(section.slice(1));
    size += section.length;
    shown++;
  }
  if (shown < cases.length)
    out.push(
      '',
      `${plural(cases.length - shown, 'more root cause')} ${cases.length - shown === 1 ? 'is' : 'are'} not shown here (a comment holds 65,536 characters): see ` +
        `${mdCode('index.html')} or ${mdCode('report.json')}.`,
    );
  return `${out.join('\n')}\n`;
}
