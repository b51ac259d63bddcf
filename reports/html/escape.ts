/**
 * Safe HTML by construction: the `html` tag escapes every interpolated string, so handler-controlled text (keys,
 * values, error messages, logs, handler names) can only ever become text. Markup passes through only as an `Html`
 * value made by the tag itself.
 */
import { showControls } from '../visible.ts';

/** A fragment of markup that is already safe. Only the `html` tag makes one. */
export class Html {
  /** The markup. */
  readonly value: string;

  constructor(value: string) {
    this.value = value;
  }

  toString(): string {
    return this.value;
  }
}

/** What may be interpolated: text (escaped), markup, lists of markup, and nothing (`undefined`, `false`, `null`). */
export type HtmlPart = Html | string | number | readonly HtmlPart[] | undefined | null | false;

/**
 * Escapes text for element content and double- or single-quoted attribute values.
 * @param s - any string
 * @example escapeHtml('<img src=x onerror=alert(1)>') // "&lt;img src=x onerror=alert(1)&gt;"
 */
export function escapeHtml(s: string): string {
  // Control characters (but tab, LF, CR) are parse errors in HTML and invisible on screen: shown as `\uXXXX`.
  return showControls(s)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const part = (p: HtmlPart): string => {
  if (p === undefined || p === null || p === false) return '';
  if (p instanceof Html) return p.value;
  if (typeof p === 'number') return String(p);
  if (typeof p === 'string') return escapeHtml(p);
  return p.map(part).join('');
};

/**
 * Tagged template for markup: literal parts are trusted, interpolations are escaped unless they are `Html`.
 * @example html`<li>${userText}</li>`
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlPart[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += part(v) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/**
 * JSON for a `<script type="application/json">` data block: `<`, `>` and `&` become `\u003c`… so no `</script>`
 * or `<!--` can end the block, and U+2028/U+2029 are escaped for older parsers. `JSON.parse` reads it back as it was.
 * @param value - any JSON value
 */
export function jsonForScript(value: unknown): string {
  return ((JSON.stringify(value) as string | undefined) ?? 'null')
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

/**
 * An element id from free text: stable across runs for the same text, unique within `used`.
 * @param prefix - a fixed prefix, e.g. `check`
 * @param text - e.g. a check id
 * @param used - ids handed out so far on this page (updated)
 */
export function anchorId(prefix: string, text: string, used: Set<string>): string {
  const base = `${prefix}-${text.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'x'}`;
  let id = base;
  for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
  used.add(id);
  return id;
}

/**
 * Text whose backtick spans become `<code>` (the registry words its questions in Markdown); every part is escaped.
 * @param text - text with `code` spans
 * @example codeSpans('What is `oldValue`?') // What is <code>oldValue</code>?
 */
export function codeSpans(text: string): Html {
  return html`${text.split('`').map((part, i) => (i % 2 ? html`<code>${part}</code>` : part))}`;
}
