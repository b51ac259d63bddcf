/**
 * Markdown escaping for GitHub-flavoured Markdown, where a pull-request comment also renders inline HTML, math
 * (`$…$`) and autolinks: handler-controlled text goes either through `mdText` (every active character escaped) or
 * into a fenced block longer than any backtick run inside it.
 */
import { showControls } from '../visible.ts';

// Characters with a meaning somewhere in GFM (emphasis, links, tables, lists, headings, math, footnotes, autolinks).
const ACTIVE = /[\\`*_{}[\]()#+\-.!|~:@^$=]/g;

/**
 * Escapes text for a Markdown paragraph, list item or table cell: active characters get a backslash, `& < > "`
 * become entities (so no HTML tag can open), and line breaks become a visible ⏎ (a cell or list item is one line).
 * @param s - any string
 * @example mdText('<b>a|b</b>') // "&lt;b&gt;a\\|b&lt;/b&gt;"
 */
export function mdText(s: string): string {
  return showControls(s)
    .replace(ACTIVE, '\\$&')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replace(/\r\n|\r|\n/g, ' ⏎ ');
}

/**
 * Monospace inline text that is safe anywhere inline, tables included. An HTML `<code>` element rather than a
 * backtick span, because a span cannot hold a `|` in a GFM table nor a leading backtick.
 * @param s - any string
 */
export function mdCode(s: string): string {
  return `<code>${mdText(s)}</code>`;
}

/**
 * A fenced code block whose fence is longer than any backtick run in the content, so the content cannot close it.
 * @param content - the block's text
 * @param lang - the info string @defaultValue "text"
 */
export function fence(content: string, lang = 'text'): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const bar = '`'.repeat(Math.max(3, longest + 1));
  return `${bar}${lang}\n${showControls(content).replace(/\n$/, '')}\n${bar}`;
}
