/** Safe HTML by construction: escaping is lossless and leaves nothing that can open markup or leave a script block. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { showControls } from '../visible.ts';
import { anchorId, codeSpans, escapeHtml, html, jsonForScript } from './escape.ts';

const unescapeHtml = (s: string): string =>
  s
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');

// Strings rich in the characters that matter, beside arbitrary unicode.
const nasty = fc.oneof(
  fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", '/', 's', '!', '-', '\u0000', '\u2028', 'é', '😀') }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
);

describe('HTML escaping', () => {
  it('leaves no character that opens a tag or ends an attribute, and loses nothing', () => {
    fc.assert(
      fc.property(nasty, (s) => {
        const e = escapeHtml(s);
        expect(e).not.toMatch(/[<>"']/);
        expect(unescapeHtml(e)).toBe(showControls(s));
      }),
    );
  });

  it('the html tag escapes text and keeps only its own markup', () => {
    const user = '<img src=x onerror=alert(1)>';
    expect(html`<li title="${user}">${user}${html`<b>ok</b>`}${[1, ' & ', false, null, undefined]}</li>`.value).toBe(
      '<li title="&lt;img src=x onerror=alert(1)&gt;">&lt;img src=x onerror=alert(1)&gt;<b>ok</b>1 &amp; </li>',
    );
    expect(codeSpans('What is `<b>`?').value).toBe('What is <code>&lt;b&gt;</code>?');
  });

  it('JSON for a script block reads back as it was and cannot end the block', () => {
    fc.assert(
      fc.property(fc.jsonValue(), nasty, (v, s) => {
        const value = { v, s };
        const text = jsonForScript(value);
        expect(text).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(text)).toStrictEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('anchor ids are safe and unique on a page', () => {
    fc.assert(
      fc.property(fc.array(nasty, { maxLength: 8 }), (texts) => {
        const used = new Set<string>();
        const ids = texts.map((t) => anchorId('check', t, used));
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(id).toMatch(/^check-[A-Za-z0-9_-]+$/);
      }),
    );
  });
});
