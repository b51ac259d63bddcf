/** A run stopped early (Ctrl-C, --bail) says why in every format a person reads, not only in report.json. */
import { describe, expect, it } from 'vitest';
import { fixtureRun } from './__fixtures__/run.ts';
import { stoppedText } from './format.ts';
import { renderHtml, renderMarkdown } from './index.ts';

describe('a stopped run', () => {
  const run = { ...fixtureRun(), stopped: 'bail: must check reply/shape failed' };

  it('is said in words, with the checks that did not finish', () => {
    expect(stoppedText(run)).toMatch(
      /^stopped early \(bail: must check reply\/shape failed\): \d+ checks? of \d+ did not finish$/,
    );
    expect(stoppedText(fixtureRun())).toBeUndefined();
  });

  it('says so in the Markdown summary and the HTML page', () => {
    // Markdown escapes the punctuation of the handler-free text too.
    expect(renderMarkdown(run)).toContain('**Stopped early \\(bail\\: must check reply/shape failed\\)\\: 1 check of');
    expect(renderHtml(run)).toContain('Stopped early (bail: must check reply/shape failed)');
    expect(renderMarkdown(fixtureRun())).not.toContain('Stopped early');
  });
});
