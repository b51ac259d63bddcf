/**
 * One counterexample in full: what went wrong, the record-level diff, the shrunk event, each reply with its logs,
 * the violations as data, the replay command and the check's exact input.
 */
import type { CheckResult, Counterexample } from '../../harness/index.ts';
import type { RecordedInvocation } from '../../harness/result.ts';
import { describeOutcome } from '../../suites/invocation.ts';
import { problemLines, violationLines } from '../format.ts';
import { diffTable } from './diff.ts';
import { html, type Html } from './escape.ts';

/** Most characters of one code block; the copy button and `report.json` hold the whole text. */
export const CODE_BLOCK_CHARS = 40_000;

/**
 * A code block, cut when huge, with an optional copy button.
 * @param id - element id of the `<pre>`
 * @param text - its text
 * @param copy - the copy button to show, if any
 */
function codeBlock(id: string, text: string, opts: { wrap?: boolean; copy?: Html } = {}): Html {
  const cut = text.length > CODE_BLOCK_CHARS;
  const note = cut
    ? html`<p class="note">
        Showing the first ${CODE_BLOCK_CHARS.toLocaleString('en')} of ${text.length.toLocaleString('en')}
        characters${opts.copy ? '; the copy button copies all of it' : ''}.
      </p>`
    : '';
  return html`${opts.copy ? html`<div class="tools" data-js hidden>${opts.copy}</div>` : ''}
    <pre id="${id}" class="${opts.wrap ? 'wrap' : ''}">${cut ? text.slice(0, CODE_BLOCK_CHARS) : text}</pre>
    ${note}`;
}

/** The error text of an invocation that did not reply: the stack when there is one, else nothing beyond its line. */
const failureText = (inv: RecordedInvocation): string | undefined => {
  if (inv.kind !== 'threw') return undefined;
  return inv.error.trace.length ? inv.error.trace.join('\n') : `${inv.error.errorType}: ${inv.error.errorMessage}`;
};

function invocation(inv: RecordedInvocation, i: number, total: number, id: string): Html {
  const label = total > 1 ? `Reply ${i + 1} of ${total}` : 'Reply';
  const text = inv.kind === 'replied' ? inv.json : failureText(inv);
  const logs = inv.logs.trim();
  const lines = logs.split('\n').length;
  return html`<h4>${label}</h4>
    <p class="note">
      ${describeOutcome(inv)}${inv.coldStart ? ' (cold start)' : ''}${
        inv.kind === 'replied' ? ' — the raw JSON Lambda sends:' : ''
      }
    </p>
    ${text === undefined ? '' : codeBlock(`${id}-reply-${i}`, text, { wrap: true })}
    ${
      logs
        ? html`<details class="sub">
            <summary>Logs (${lines} line${lines === 1 ? '' : 's'})</summary>
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
    <table>
      <thead>
        <tr>
          <th>code</th>
          <th>path</th>
          <th>clause</th>
          <th>only under the reading of</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </details>`;
}

/**
 * Renders a failing check's counterexample.
 * @param c - the check result
 * @param cx - its counterexample
 * @param index - the check's index in the run (the copy button reads the event from the embedded data by it)
 * @param id - the check's element id, prefix of the ids inside
 */
export function counterexampleDetail(c: CheckResult, cx: Counterexample, index: number, id: string): Html {
  const event = JSON.stringify(cx.event, null, 2);
  const input = JSON.stringify(cx.input, null, 2);
  const inputDiffers = input !== event;
  return html`<p class="note">
      Counterexample after ${cx.numShrinks} shrinks · seed <code>${cx.seed}</code> · path
      <code>${cx.path || '-'}</code> · event hash <code>${cx.eventHash}</code>
    </p>
    <h4>What went wrong</h4>
    <ul class="problems">
      ${problemLines(c).map((l) => html`<li>${l}</li>`)}
    </ul>
    ${
      violationLines(c).length
        ? html`<p class="note">The model’s violations of the reply:</p>
            <ul class="problems">
              ${violationLines(c).map((l) => html`<li>${l}</li>`)}
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
    <h4>Records</h4>
    ${diffTable(cx)}
    <h4>Event (shrunk)</h4>
    ${codeBlock(`${id}-event`, event, { copy: html`<button type="button" data-copy-event="${index}">Copy event JSON</button>` })}
    ${cx.invocations.map((inv, i) => invocation(inv, i, cx.invocations.length, id))} ${violations(cx)}
    <h4>Replay</h4>
    ${codeBlock(`${id}-replay`, cx.replay, { wrap: true, copy: html`<button type="button" data-copy-text="${id}-replay">Copy command</button>` })}
    ${
      inputDiffers
        ? html`<details class="sub">
            <summary>The check’s exact input (what <code>replayCase</code> re-runs)</summary>
            ${codeBlock(`${id}-input`, input)}
          </details>`
        : ''
    }`;
}
