/** A session's timeline, rendered for the terminal and as the HTML report's SVG: lanes per device, hostile text inert. */
import { describe, expect, it } from 'vitest';
import type { SessionTimeline } from '../model/index.ts';
import { timelineSvg } from './html/timeline.ts';
import { timelineLines } from './timeline.ts';

const hostile = '</text><script>alert(1)</script>\u001b[31m\u202e';
const t: SessionTimeline = {
  devices: ['device-0', 'device-1'],
  rows: [
    { step: 1, device: 0, kind: 'edit', text: 'edit score="1" (local, unsynced)' },
    { step: 2, device: 1, kind: 'list', text: 'ListRecords(since 0) → SyncCount 0, nothing new' },
    { step: 2, device: 1, kind: 'update', text: 'UpdateRecords [replace score="2"@0]' },
    { step: 2, device: 1, kind: 'trigger', text: `trigger event: {"score":"${hostile}"}` },
    { step: 2, device: 1, kind: 'reply', text: `reply ${hostile}` },
    { step: 2, device: 1, kind: 'answer', text: 'ok, written: score="2"@1' },
    { step: 0, device: 0, kind: 'check', text: 'does not hold what the service holds' },
  ],
};

describe('timelineLines', () => {
  it('marks the acting device lane of every row and labels each step once', () => {
    const lines = timelineLines(t, '');
    expect(lines[0]).toContain('d0 = device-0, d1 = device-1');
    expect(lines[1]).toMatch(/^ {3}1 {2}● {2}│ {2}/);
    expect(lines[2]).toMatch(/^ {3}2 {2}│ {2}● {2}/);
    expect(lines[3]).toMatch(/^ {6}│ {2}● {2}/);
    expect(lines.at(-1)).toMatch(/^ {3}0 {2}● {2}│ {2}/);
  });

  it('lets no control character or bidi override through', () => {
    const text = timelineLines(t, '').join('\n');
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u202e');
  });
});

describe('timelineSvg', () => {
  const svg = timelineSvg(t).value;

  it('draws a lifeline per device, one for the service and one for the trigger', () => {
    expect(svg.match(/class="tl-life"/g)).toHaveLength(4);
    for (const name of ['device-0', 'device-1', 'Cognito Sync', 'Sync Trigger'])
      expect(svg).toContain(`>${name}</text>`);
    // Calls and answers are arrows; local edits and the check's finding are notes.
    expect(svg.match(/class="tl-arrow/g)).toHaveLength(5);
    expect(svg.match(/class="tl-note/g)).toHaveLength(2);
  });

  it('keeps handler text inert: escaped, and no external reference', () => {
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('</text><script');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).not.toMatch(/\b(href|src)=/);
  });
});
