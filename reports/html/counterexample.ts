/**
 * One counterexample in full: what went wrong, the record-level diff, the shrunk event, each reply with its logs,
 * the violations as data, the replay command and the check's exact input.
 */
import type { Counterexample } from '../../harness/index.ts';
import type { RecordedInvocation } from '../../harness/result.ts';
import type { Readings } from '../../model/index.ts';
import { describeOutcome } from '../../model/invocation.ts';
import { count, elideJson } from '../elide.ts';
import { capitalize, plural, problemLines, restsOnText, shrinkNote, violationLines } from '../format.ts';
import type { FailureCase } from '../replay/paths.ts';
import { traceText } from '../stack.ts';
import { thrownAt } from '../text.ts';
import { diffTable } from './diff.ts';
import { html, type Html } from './escape.ts';
import { table } from './table.ts';
import { timelineSvg } from './timeline.ts';

/** Most characters of one code block; the per-failure files and `report.json` hold the whole text. */
export const CODE_BLOCK_CHARS = 40_000;

/** Longest string literal a JSON block shows whole; a longer one reads `"xxxx…" (1,048,000 chars)`. */
const JSON_STRING_CHARS = 1_000;

/**
 * A code block, cut when huge: in JSON, each string longer than {@link JSON_STRING_CHARS} is elided with its size,
 * and any text past {@link CODE_BLOCK_CHARS} is cut. A copy button copies the block's text, so it is offered only
 * when the block holds all of it; a cut block says where the whole text is instead.
 * @param id - element id of the `<pre>`
 * @param text - its text
 * @param opts - `json` to elide long strings; `wrap` long lines; `copy` the button label; `whole` where the whole
 * text is when cut
 */
function codeBlock(
  id: string,
  text: string,
  opts: { json?: boolean; wrap?: boolean; copy?: string; whole?: Html } = {},
): Html {
  const elided = opts.json ? elideJson(text, JSON_STRING_CHARS) : text;
  const shown = elided.length > CODE_BLOCK_CHARS ? elided.slice(0, CODE_BLOCK_CHARS) : elided;
  const cut = shown !== text;
  const what =
    elided === text
      ? `the first ${count(CODE_BLOCK_CHARS)} of ${count(text.length)} characters`
      : `${count(text.length)} characters with long strings shortened${elided.length > CODE_BLOCK_CHARS ? ', cut' : ''}`;
  const note = cut
    ? html`<p class="note clipped">
        Showing ${what}. The whole text: ${opts.whole ?? html`<code>report.json</code>`}.
      </p>`
    : '';
  const copy =
    opts.copy && !cut
      ? html`<div class="tools" data-js hidden>
          <button type="button" data-copy-text="${id}">${opts.copy}</button>
        </div>`
      : '';
  return html`${copy}
    <pre id="${id}" class="${opts.wrap ? 'wrap' : ''}">${shown}</pre>
    ${note}`;
}

/**
 * The error text of an invocation that did not reply: the stack without the tool's and Node's frames when there is
 * one, else its type and message.
 */
const errorText = (inv: RecordedInvocation): string | undefined => {
  if (inv.kind !== 'threw') return undefined;
  return inv.error.trace.length ? traceText(inv.error.trace) : `${inv.error.errorType}: ${inv.error.errorMessage}`;
};

function invocation(inv: RecordedInvocation, i: number, total: number, id: string): Html {
  const label = total > 1 ? `Reply ${i + 1} of ${total}` : 'Reply';
  const text = inv.kind === 'replied' ? inv.json : errorText(inv);
  const logs = inv.logs.trim();
  const lines = logs.split('\n').length;
  return html`<h4>${label}</h4>
    <p class="note">
      ${describeOutcome(inv)}${inv.coldStart ? ' (cold start)' : ''}${
        inv.kind === 'replied' ? ' — the raw JSON Lambda sends:' : ''
      }
    </p>
    ${text === undefined ? '' : codeBlock(`${id}-reply-${i}`, text, { wrap: true, json: inv.kind === 'replied' })}
    ${
      logs
        ? html`<details class="sub">
            <summary>Logs (${plural(lines, 'line')})</summary>
            ${codeBlock(`${id}-logs-${i}`, logs, { wrap: true })}
          </details>`
        : ''
    }`;
}

function violations(cx: Counterexample): Html {
  if (!cx.violations.length) return html``;
  const rows = cx.violations.map(
    (v) =>
      html`<tr>
        <td><code>${v.code}</code></td>
        <td><code>${v.path}</code></td>
        <td>${v.clause}</td>
        <td>${v.reading ?? ''}</td>
      </tr>`,
  );
  return html`<details class="sub">
    <summary>Violations as data (${cx.violations.length})</summary>
    ${table(['code', 'path', 'clause', 'only under the reading of'], rows)}
  </details>`;
}

/** A relative link to a replay file (its segments are already safe file names; encoded all the same). */
const fileLink = (path: string): Html =>
  html`<a href="${path.split('/').map(encodeURIComponent).join('/')}"><code>${path}</code></a>`;

/** Where the event file is and how to send it to a function, for a case that has one. */
function eventFile(fc: FailureCase, regression: boolean): Html {
  const lines = fc.eventPath
    ? [
        `sam local invoke -e ${fc.eventPath} YourFunctionLogicalId`,
        `aws lambda invoke --function-name your-function --payload fileb://${fc.eventPath} reply.json`,
      ].join('\n')
    : undefined;
  return html`${
    fc.eventPath && lines
      ? html`<p class="note">
            The event alone is in ${fileLink(fc.eventPath)} (written beside this page by <code>--out</code>); send it to
            a function:
          </p>
          <pre class="wrap">${lines}</pre>`
      : ''
  }
  ${
    regression
      ? html`<p class="note">
          <code>failures/regression.test.ts</code> re-runs this exact input (${fileLink(fc.inputPath)}) with Vitest.
        </p>`
      : ''
  }`;
}

/** The records a session failure compares, where they differ: what was expected, what was found. */
function sessionRecords(cx: Counterexample): Html {
  const found = cx.resulting ?? {};
  const keys = [...new Set([...Object.keys(cx.expected), ...Object.keys(found)])].sort();
  const rows = keys
    .filter((k) => cx.expected[k] !== found[k])
    .map(
      (k) =>
        html`<tr>
          <td><code>${k}</code></td>
          <td>
            ${cx.expected[k] === undefined ? html`<span class="muted">absent</span>` : html`<code>${JSON.stringify(cx.expected[k])}</code>`}
          </td>
          <td>
            ${found[k] === undefined ? html`<span class="muted">absent</span>` : html`<code>${JSON.stringify(found[k])}</code>`}
          </td>
        </tr>`,
    );
  return rows.length ? table(['key', 'expected', 'found'], rows) : html`<p class="note">No record differs.</p>`;
}

/**
 * Renders a failing check's counterexample.
 * @param fc - the failing case: check, counterexample and its replay files
 * @param id - the check's element id, prefix of the ids inside
 * @param regression - whether the run's regression test replays this case
 * @param readings - the readings the run judged under
 */
export function counterexampleDetail(fc: FailureCase, id: string, regression: boolean, readings: Readings): Html {
  const { counterexample: cx } = fc;
  // `?? null`: an absent value would stringify to undefined, not to text.
  const event = JSON.stringify(cx.event ?? null, null, 2);
  const input = JSON.stringify(cx.input ?? null, null, 2);
  const inputDiffers = input !== event;
  const violationText = violationLines(cx);
  const at = thrownAt(cx);
  const restsOn = restsOnText(cx);
  return html`<p class="note">
      ${capitalize(shrinkNote(cx))} · seed <code>${cx.seed}</code> · path <code>${cx.path || '-'}</code> · event hash
      <code>${cx.eventHash}</code>
    </p>
    <h4>What went wrong</h4>
    <ul class="problems">
      ${at ? html`<li>Thrown at <code>${at}</code> (the handler’s own code)</li>` : ''}
      ${problemLines(cx).map((l) => html`<li>${l}</li>`)}
    </ul>
    ${
      violationText.length
        ? html`<p class="note">The model’s violations of the reply:</p>
            <ul class="problems">
              ${violationText.map((l) => html`<li>${l}</li>`)}
            </ul>`
        : ''
    }
    ${
      cx.serviceError
        ? html`<p class="service-error">
            Cognito Sync would answer <strong>${cx.serviceError.status} ${cx.serviceError.name}</strong>
            (“${cx.serviceError.message}”); nothing is written.
          </p>`
        : ''
    }
    ${restsOn ? html`<p class="note rests-on">${capitalize(restsOn)}.</p>` : ''}
    ${
      cx.timeline
        ? html`<h4>Session timeline</h4>
            ${timelineSvg(cx.timeline)}
            <h4>Records (expected → found)</h4>
            ${sessionRecords(cx)}`
        : html`<h4>Records</h4>
            ${diffTable(cx, readings)}`
    }
    <h4>Event (shrunk)</h4>
    ${codeBlock(`${id}-event`, event, {
      json: true,
      copy: 'Copy event JSON',
      ...(fc.eventPath ? { whole: fileLink(fc.eventPath) } : {}),
    })}
    ${cx.invocations.map((inv, i) => invocation(inv, i, cx.invocations.length, id))} ${violations(cx)}
    <h4>Replay</h4>
    ${codeBlock(`${id}-replay`, cx.replay, { wrap: true, copy: 'Copy command' })} ${eventFile(fc, regression)}
    ${
      inputDiffers
        ? html`<details class="sub">
            <summary>The check’s exact input (what <code>replayCase</code> re-runs)</summary>
            ${codeBlock(`${id}-input`, input, { json: true, whole: fileLink(fc.inputPath) })}
          </details>`
        : ''
    }`;
}
