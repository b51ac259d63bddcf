/**
 * Terminal and CI-log spoofing, per output: a run whose handler text carries OSC titles and links, `CR ESC[2K` with a
 * fake green verdict, `ESC[8m`, C1 controls and bidi overrides. Every human-readable format shows each of them as
 * visible `\uXXXX` text; report.json and the replay files keep the exact value, written with escapes.
 */
import { firstCounterexample } from '../harness/result.ts';
import { describe, expect, it } from 'vitest';
import { RAW_CONTROL, SPOOF, SPOOF_ALL } from './__fixtures__/hostile.ts';
import { spoofRun } from './__fixtures__/spoof.ts';
import {
  failureArtifacts,
  failureText,
  renderBadgeJson,
  renderBadgeSvg,
  renderHtml,
  renderJson,
  renderJunit,
  renderMarkdown,
} from './index.ts';
import { jsonText, showControls, terminalLine, terminalText } from './visible.ts';

const run = spoofRun();
/** In a terminal only LF may pass raw: tab and CR move the cursor, U+2028/U+2029 break lines in web log viewers. */
const TERMINAL_RAW = new RegExp(`${RAW_CONTROL.source.slice(0, -1)}\\t\\r\\u2028\\u2029]`);

/** Each spoofing string as a renderer must show it: every character that acts, escaped. */
const escapedForms = (escape: (s: string) => string): string[] => Object.values(SPOOF).map(escape);

describe('no output lets handler text act on a terminal or a reader', () => {
  it('the failure text (terminal, CI log, Vitest, JUnit) escapes every control and bidi character', () => {
    for (const c of run.checks.filter((x) => x.outcome === 'fail')) {
      const text = failureText(c, undefined, run.readings);
      expect(text).not.toMatch(TERMINAL_RAW);
      // The strings are there, visibly: the OSC title, the erased line and its fake verdict, the override.
      expect(text).toContain('\\u001b]0;pwned title\\u0007');
      expect(text).toContain('\\u202e');
    }
    const thrown = failureText(run.checks[0] ?? ({} as never), undefined, run.readings);
    expect(thrown).toContain(terminalLine(SPOOF.verdict));
    expect(thrown).toContain('\\r\\u001b[2K\\u001b[32mCONFORMANT');
  });

  it('terminalText keeps line breaks, and escapes everything else that acts', () => {
    expect(terminalText(`a\nb${SPOOF.verdict}`)).toBe(
      'a\nb\\r\\u001b[2K\\u001b[32mCONFORMANT: 19 passed, 0 failed, 0 errored\\u001b[0m',
    );
    expect(terminalLine('a\nb\tc')).toBe('a\\nb\\tc');
    for (const s of Object.values(SPOOF)) expect(terminalText(s)).not.toMatch(TERMINAL_RAW);
  });

  it('index.html shows each string escaped and carries none raw', () => {
    const page = renderHtml(run);
    expect(page).not.toMatch(RAW_CONTROL);
    expect(page).toContain('invoice\\u202egnp.exe\\u202c');
    expect(page).toContain('\\u001b[8mhidden text\\u001b[28m');
  });

  it('summary.md carries none raw, in prose or in code blocks', () => {
    const md = renderMarkdown(run);
    expect(md).not.toMatch(RAW_CONTROL);
    // In prose the escape's own backslash is escaped too, so that it renders as `\u202e`.
    expect(md).toContain('invoice\\\\u202egnp\\.exe\\\\u202c');
    expect(md).toContain('\\u001b]0;pwned title\\u0007');
  });

  it('junit.xml carries none raw, in attributes, failures or system-out', () => {
    const xml = renderJunit(run);
    expect(xml).not.toMatch(RAW_CONTROL);
    expect(xml).toContain('invoice\\u202egnp.exe\\u202c');
    expect(xml).toMatch(/<system-out>[^<]*\\u001b\]8;;https:\/\/evil\.invalid\//);
  });

  it('report.json and the replay files keep every value exactly, written as escapes', () => {
    const json = renderJson(run);
    expect(json).not.toMatch(RAW_CONTROL);
    const back = JSON.parse(json) as typeof run;
    expect(firstCounterexample(back.checks[0])?.invocations[0]?.logs).toBe(`${SPOOF_ALL}\n${SPOOF.verdict}\n`);
    expect(back.target.handler).toBe(run.target.handler);
    for (const f of failureArtifacts(run)) {
      expect(f.content, f.path).not.toMatch(RAW_CONTROL);
      if (f.path.endsWith('.json')) expect(() => JSON.parse(f.content) as unknown).not.toThrow();
    }
    const input = failureArtifacts(run).find((f) => f.path.endsWith('1.input.json'));
    expect((JSON.parse(input?.content ?? '{}') as { note?: string }).note).toBe(SPOOF_ALL);
    // The generated test names the handler in a string literal whose bidi controls are escapes (Trojan Source).
    const test = failureArtifacts(run).find((f) => f.path.endsWith('regression.replay.ts'))?.content ?? '';
    expect(test).toContain(jsonText(run.target.handler));
    expect(test).toContain('\\u202e');
  });

  it('the badge is made of numbers and fixed words only', () => {
    expect(renderBadgeSvg(run)).not.toMatch(RAW_CONTROL);
    expect(renderBadgeJson(run)).not.toMatch(RAW_CONTROL);
  });

  it('one escaping module: every report-side escape agrees with showControls', () => {
    for (const s of escapedForms(showControls)) expect(s).not.toMatch(RAW_CONTROL);
    expect(showControls('tab\tLF\nCR\r')).toBe('tab\tLF\nCR\r');
    expect(showControls('\u0000\u007f\u0085\u202e\u2066\u200e\u200f\u061c')).toBe(
      '\\u0000\\u007f\\u0085\\u202e\\u2066\\u200e\\u200f\\u061c',
    );
  });
});
