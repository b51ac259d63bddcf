/**
 * The run's closing summary in the terminal: it counts the failures that hold under every reading apart from those
 * that rest on an undocumented one, as summary.md and index.html do.
 */
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { conformantRun, fixtureChecks, fixtureRun, runOf } from '../reports/__fixtures__/run.ts';
import { summaryLines } from './terminal.ts';

const plain = (lines: string[]): string[] => lines.map((l) => stripVTControlCharacters(l));

describe('summaryLines', () => {
  it('counts failures that hold under every reading apart from those that rest on one, naming the readings', () => {
    // The fixed run: three failures hold under every reading, one rests on reply.nonStringValue=invalid.
    expect(plain(summaryLines(fixtureRun()))).toContain(
      'Failures that hold under every reading: 3; that rest on an undocumented reading: 1 (reply.nonStringValue=invalid)',
    );
  });

  it('says nothing of readings when no failure rests on one, or nothing failed', () => {
    const holding = runOf(fixtureChecks().filter((c) => c.id !== 'semantics/undocumented-reading'));
    expect(plain(summaryLines(holding)).join('\n')).toContain('NOT CONFORMANT');
    expect(plain(summaryLines(holding)).join('\n')).not.toContain('rest on an undocumented reading');
    expect(plain(summaryLines(conformantRun())).join('\n')).not.toContain('reading');
  });
});
