/**
 * `junit.xml`: one testsuite, one testcase per check, in the dialect GitHub (test-reporter actions), GitLab and
 * Jenkins all read: `<testsuites>` root, times in seconds, `<failure>`, `<error>` and `<skipped>` children.
 */
import type { CheckResult, FailedCheck, RunResult } from '../harness/index.ts';
import type { Readings } from '../model/index.ts';
import { describeOutcome } from '../model/invocation.ts';
import { clip, elideJson } from './elide.ts';
import { plural, selectionText, troubleText } from './format.ts';
import { failureText } from './text.ts';
import { escapeXmlText, xmlAttrs } from './xml.ts';

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** Most characters of a `<failure message>`: CI lists show it on one line. */
const MESSAGE_CHARS = 1000;

/** The attributes of `<failure>`: `message` is what CI lists show in one line, `type` the first violation. */
function failure(c: FailedCheck, readings: Readings): string {
  const cx = c.failures[0].counterexample;
  const more = c.failures.length > 1 ? ` (and ${plural(c.failures.length - 1, 'other failure')})` : '';
  const message = `${cx.messages[0] ?? `${c.id} failed`}${more}`;
  const type = cx.violations[0]?.code ?? 'conformance';
  return `      <failure${xmlAttrs({ message: clip(elideJson(message, 200), MESSAGE_CHARS), type })}>${escapeXmlText(failureText(c, undefined, readings))}</failure>\n`;
}

/** Console output of the failing case, where CI systems show it next to the failure. */
function systemOut(c: FailedCheck): string {
  const invocations = c.failures.flatMap((f) => f.counterexample.invocations);
  const text = invocations
    .map((inv, i) => {
      const head = `invocation ${i + 1}: ${describeOutcome(inv)}`;
      return inv.logs.trim() ? `${head}\n${inv.logs.trimEnd()}` : head;
    })
    .join('\n\n');
  return text ? `      <system-out>${escapeXmlText(text)}</system-out>\n` : '';
}

function testcase(c: CheckResult, readings: Readings): string {
  const attrs = xmlAttrs({ classname: c.level, name: `${c.id} — ${c.title}`, time: seconds(c.durationMs) });
  const trouble = troubleText(c) ?? '';
  let body = '';
  if (c.outcome === 'fail') body = failure(c, readings) + systemOut(c);
  else if (c.outcome === 'error')
    body = `      <error${xmlAttrs({ message: trouble, type: c.error.code })}>${escapeXmlText(trouble)}</error>\n`;
  // A check stopped by its time limit did not finish: an error of the run, never a benign skip.
  else if (c.outcome === 'timeout')
    body = `      <error${xmlAttrs({ message: `timed out: ${trouble}`, type: 'timeout' })}>${escapeXmlText(trouble)}</error>\n`;
  // An input class never generated: the check verified nothing, which is no pass either.
  else if (c.outcome === 'incomplete')
    body = `      <error${xmlAttrs({ message: `incomplete: ${trouble}`, type: 'incomplete' })}>${escapeXmlText(trouble)}</error>\n`;
  else if (c.outcome === 'skip') body = `      <skipped${xmlAttrs({ message: trouble })}/>\n`;
  return body ? `    <testcase${attrs}>\n${body}    </testcase>\n` : `    <testcase${attrs}/>\n`;
}

/** Run facts as `<property>` elements: enough to tell runs apart and to replay one. */
function properties(run: RunResult): string {
  const props: [string, string][] = [
    ['tool', `${run.tool.name} ${run.tool.version}`],
    ['target', run.target.description],
    ['handler', run.target.handler],
    ['runtime', run.target.runtime ?? ''],
    ['seed', String(run.options.seed)],
    ['runs', String(run.options.runs)],
    ['strict', String(run.options.strict)],
    ['selection', selectionText(run) ?? ''],
    ['readings', run.nonDefaultReadings.map((p) => `${p}=${run.readings[p]}`).join(', ') || 'defaults'],
    ['conformant', String(run.summary.conformant)],
    ['partial', String(run.summary.partial)],
  ];
  return props
    .filter(([, v]) => v !== '')
    .map(([name, value]) => `      <property${xmlAttrs({ name, value })}/>\n`)
    .join('');
}

/**
 * Renders `junit.xml`.
 * @param run - the run
 * @example
 * await writeFile('junit.xml', renderJunit(run));
 */
export function renderJunit(run: RunResult): string {
  const s = run.summary;
  const counts = {
    tests: s.total,
    failures: s.failed,
    // JUnit has no "timed out": a check stopped by its time limit did not finish, which is an error of the run.
    errors: s.errored + s.timedOut,
    skipped: s.skipped,
    time: seconds(run.durationMs),
  };
  const name = `Sync Trigger conformance: ${run.target.handler}`;
  // The JUnit XSD's timestamp has no zone; startedAt is UTC.
  const timestamp = run.startedAt.slice(0, 19);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<testsuites${xmlAttrs({ name: run.tool.name, ...counts })}>\n`,
    `  <testsuite${xmlAttrs({ name, ...counts, timestamp })}>\n`,
    `    <properties>\n${properties(run)}    </properties>\n`,
    run.checks.map((c) => testcase(c, run.readings)).join(''),
    '  </testsuite>\n',
    '</testsuites>\n',
  ].join('');
}
