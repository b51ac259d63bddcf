/**
 * XML 1.0 escaping. Handler output (logs, error messages, record keys) may hold characters XML 1.0 cannot carry at
 * all, not even as character references (NUL, most C0 controls, lone surrogates, U+FFFE/U+FFFF); a CI system that
 * meets one rejects the whole file, so they are written as visible `\uXXXX` text instead. Control characters and
 * bidi controls go through the one escaping module (`visible.ts`) first, as in every other format.
 */
import { showControls, visibleChar } from './visible.ts';

// What XML 1.0 cannot hold beyond the controls `showControls` already shows: lone surrogates and the two
// non-characters of the BMP.
const ILLEGAL = /[\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Makes any string legal XML 1.0 character data that shows as it reads: control characters, bidi controls and
 * illegal characters become visible `\uXXXX` text.
 * @param s - any string
 */
export function xmlLegal(s: string): string {
  return showControls(s).replace(ILLEGAL, visibleChar);
}

/**
 * Escapes text content of an element.
 * @param s - any string
 * @example escapeXmlText('a < b & "c"') // 'a &lt; b &amp; "c"'
 */
export function escapeXmlText(s: string): string {
  return xmlLegal(s).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * Escapes an attribute value for double quotes. Tab, LF and CR are written as character references because
 * attribute-value normalization would otherwise turn them into spaces.
 * @param s - any string
 */
export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s)
    .replaceAll('"', '&quot;')
    .replaceAll('\t', '&#9;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;');
}

/**
 * Writes `name="value"` pairs, skipping undefined values.
 * @param attrs - attribute names and values
 */
export function xmlAttrs(attrs: Readonly<Record<string, string | number | undefined>>): string {
  return Object.entries(attrs)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXmlAttr(String(v))}"`)
    .join('');
}
