/**
 * The handler's own code coverage: the summary line, then each of its files with every line marked reached, never
 * reached, or not counted. The source is the handler's, so hostile: every line goes through the `html` tag.
 */
import type { FileCoverageReport, RunResult } from '../../harness/index.ts';
import { coverageShortText, coverageText } from '../coverageText.ts';
import { html, type Html } from './escape.ts';

/** One file's source, line by line, with its marks. */
function fileSource(f: FileCoverageReport): Html {
  if (f.source === undefined) return html`<p class="note">The file is too large to show here.</p>`;
  const reached = new Set(f.reachedLines);
  const never = new Set(f.unreachedLines.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i)));
  const branch = new Set(f.unreachedBranches);
  const lines = f.source.split('\n').map((text, i) => {
    const n = i + 1;
    // A span of unreached lines is marked whole, the uncounted lines inside it (blank, braces) too: it reads as one.
    const cls = `${reached.has(n) ? 'hit' : never.has(n) ? 'miss' : ''}${branch.has(n) ? ' branch' : ''}`;
    return html`<span class="src ${cls}"><span class="ln">${n}</span>${text}</span>`;
  });
  return html`<pre class="source">${lines}</pre>`;
}

/**
 * Renders the handler coverage section (nothing for a run that has no word on it).
 * @param run - the run
 */
export function handlerCoverageSection(run: RunResult): Html {
  const c = run.handlerCoverage;
  const line = coverageText(run);
  if (!c || !line) return html``;
  const short = coverageShortText(run);
  const files = c.measured
    ? c.files.map(
        (f) =>
          html`<details class="source" ${f.unreachedLines.length ? html`open` : ''}>
            <summary>
              <code>${f.path}</code> — ${f.branches.reached}/${f.branches.total} branches,
              ${f.lines.reached}/${f.lines.total} lines
            </summary>
            ${fileSource(f)}
          </details>`,
      )
    : [];
  return html`<section id="handler-coverage">
    <h2>Handler code coverage</h2>
    <p>${line}</p>
    ${short ? html`<p class="short">${short}</p>` : ''}
    <p class="note">
      Measured by V8 inside the isolate that ran the handler. Green lines ran, red ones never did; a line with a branch
      arm that never ran is marked at its edge. Counted: lines that start a statement; arms of if/else, ?:, &amp;&amp;,
      ||, ??, case and catch.
    </p>
    ${files}
  </section>`;
}
