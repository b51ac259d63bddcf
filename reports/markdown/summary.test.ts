/**
 * `summary.md` on the fixed run: pinned by a snapshot, a row per check and a section per failure, handler text
 * inert outside code blocks, and the whole under GitHub's comment limit however many failures there are.
 */
import { firstCounterexample, mapFailures } from '../../harness/result.ts';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../harness/index.ts';
import { droppedFailure } from '../__fixtures__/failures.ts';
import { HOSTILE } from '../__fixtures__/hostile.ts';
import { FOREIGN, HANDLER_AT, HANDLER_FRAME, stackRun } from '../__fixtures__/stack.ts';
import { conformantRun, fixtureChecks, fixtureRun, hugeFailureRun, runOf } from '../__fixtures__/run.ts';
import { fence, mdCode, mdText } from './escape.ts';
import { renderMarkdown, SUMMARY_MAX_CHARS } from './summary.ts';

const run = fixtureRun();
const md = renderMarkdown(run);
/** The text outside fenced code blocks, where Markdown and inline HTML are live. */
const prose = (text: string): string => text.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '');
const unescape = (s: string): string =>
  s
    .replace(/\\(.)/g, '$1')
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

describe('summary.md', () => {
  it('is pinned by a snapshot of the fixed run', () => {
    expect(md).toMatchSnapshot();
  });

  it('has the verdict, a table row per check and one section per failure with its replay command', () => {
    expect(md.startsWith('## Sync Trigger conformance: not conformant\n')).toBe(true);
    const rows = md.split('\n').filter((l) => /^\| [✓✗!–…] \|/.test(l));
    expect(rows.map((r) => unescape(/<code>(.*?)<\/code>/.exec(r)?.[1] ?? ''))).toStrictEqual(
      run.checks.map((c) => c.id),
    );
    // One section per root cause, with its smallest case and that case's replay line.
    const sections = md.split('\n').filter((l) => l.startsWith('#### ✗ '));
    expect(sections.map((l) => /^#### ✗ (R\d+) /.exec(l)?.[1])).toStrictEqual(run.rootCauses.map((c) => c.id));
    for (const cause of run.rootCauses) {
      const check = run.checks.find((c) => c.id === cause.example.check);
      expect(md).toContain(`\n${firstCounterexample(check)?.replay ?? '?'}\n`);
    }
    expect(md).toContain('### Not run to the end');
    expect(md).toContain(`the event alone is in ${mdCode('failures/data/no-dropped-changes/1.event.json')}`);
  });

  it('nothing a handler controls becomes markup, a link or a table cell outside code blocks', () => {
    const text = prose(md);
    for (const payload of Object.values(HOSTILE)) if (/[<>[\]|]/.test(payload)) expect(text).not.toContain(payload);
    expect(text).not.toMatch(/\]\(javascript:/);
    // Every table row keeps its seven cells.
    for (const row of text.split('\n').filter((l) => /^\| [✓✗!–…] \|/.test(l)))
      expect(row.split(/(?<!\\)\|/).length - 2, row).toBe(7);
  });

  it('names the handler’s own frame first in a thrown failure, the tool’s and Node’s frames left out', () => {
    const text = renderMarkdown(stackRun());
    expect(text).toContain(`\n- Thrown at ${mdCode(HANDLER_AT)} (the handler’s own code)\n`);
    expect(text).toContain(
      [
        '```text',
        'TypeError: Cannot read properties of null (reading level)',
        HANDLER_FRAME,
        '    (7 frames of the tool and of Node internals not shown)',
        '```',
      ].join('\n'),
    );
    expect(text).not.toMatch(FOREIGN);
  });

  it('says when should failures did not decide a conformant verdict', () => {
    const checks: CheckResult[] = [...fixtureChecks().filter((c) => c.outcome === 'pass'), droppedFailure];
    const text = renderMarkdown(runOf(checks));
    expect(text).toMatch(/^## Sync Trigger conformance: conformant\n/);
    expect(unescape(text)).toContain(
      '1 should check failed: it does not decide the verdict (--strict makes it count).',
    );
    expect(renderMarkdown(conformantRun())).not.toContain('should check');
  });

  it('stays under the comment limit, leaving out whole sections and saying so', () => {
    const [big] = hugeFailureRun(60).checks;
    if (!big) throw new Error('the huge run has a check');
    // 40 distinct bugs: each its own root cause, each its own section.
    const many = runOf(
      Array.from({ length: 40 }, (_, i) =>
        big.outcome === 'fail'
          ? { ...big, id: `data/c${i}`, failures: mapFailures(big.failures, (f) => ({ ...f, signature: `bug ${i}` })) }
          : big,
      ),
    );
    const text = renderMarkdown(many);
    expect(text.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS + 500);
    expect(text).toMatch(/\d+ more root causes are not shown here/);
    // No section is cut in half: every fence that opens closes.
    expect((text.match(/^```/gm) ?? []).length % 2).toBe(0);
  });
});

describe('Markdown escaping', () => {
  it('escapes every active character and keeps one line', () => {
    expect(mdText('<b>a|b</b> [x](y) `c` *d* _e_ $f$\nnext')).toBe(
      '&lt;b&gt;a\\|b&lt;/b&gt; \\[x\\]\\(y\\) \\`c\\` \\*d\\* \\_e\\_ \\$f\\$ ⏎ next',
    );
    expect(mdCode('a|b')).toBe('<code>a\\|b</code>');
  });

  it('fences content with a fence longer than any backtick run in it', () => {
    expect(fence('a ``` b ```` c')).toBe('`````text\na ``` b ```` c\n`````');
    expect(fence('x', 'json')).toBe('```json\nx\n```');
  });
});
