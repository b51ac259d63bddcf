/**
 * The one escaping module for text a handler controls (record keys and values, error messages, logs, event and
 * reply JSON): every character that acts instead of showing — C0 and C1 controls, DEL, and the bidi overrides,
 * isolates and marks that reorder what is around them — is written as visible `\uXXXX` text. The terminal, CI logs
 * and every report format go through here, so no handler can retitle a terminal (OSC), plant a link (OSC 8), erase
 * a line (`CR ESC[2K`) to forge a verdict, hide text (`ESC[8m`) or reverse a line (U+202E).
 */

// Bidi controls: ALM (U+061C), LRM/RLM (U+200E/F), embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069).
const BIDI = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
// DEL and the C1 block (U+0080–U+009F: a terminal in UTF-8 mode may read U+009B as CSI).
const DEL_C1 = '\\x7f-\\x9f';

// Reports keep tab, LF and CR (they are whitespace in HTML, XML and Markdown code blocks, and act on nothing there).
const IN_REPORTS = new RegExp(`[\\0-\\x08\\x0b\\x0c\\x0e-\\x1f${DEL_C1}${BIDI}]`, 'g');
// A terminal keeps LF only: CR returns to the start of the line a handler could then overwrite, and U+2028/U+2029
// break lines in web CI log viewers.
const IN_TERMINAL = new RegExp(`[\\0-\\x09\\x0b-\\x1f${DEL_C1}${BIDI}\\u2028\\u2029]`, 'g');
// One line: LF too.
const IN_LINE = new RegExp(`[\\0-\\x1f${DEL_C1}${BIDI}\\u2028\\u2029]`, 'g');
// What JSON.stringify leaves raw but a reader of the file should not meet raw (it already escapes C0).
const IN_JSON = new RegExp(`[${DEL_C1}${BIDI}\\u2028\\u2029]`, 'g');

// The short forms JSON uses for the five it has one for, so a tab reads the same in a log as in event JSON.
const SHORT: Readonly<Record<string, string>> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

/**
 * One character as visible escape text: `\t`, `\n`, `\r`, `\b`, `\f` as JSON writes them, any other as `\uXXXX`.
 * @param c - one UTF-16 code unit
 */
export function visibleChar(c: string): string {
  return SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
const visible = visibleChar;

/**
 * Text for a report (HTML, Markdown, XML): control characters other than tab, LF and CR, and bidi controls, become
 * visible `\uXXXX` text.
 * @param s - any string
 * @example showControls('a\u0000b\u202ec') // "a\\u0000b\\u202ec"
 */
export function showControls(s: string): string {
  return s.replace(IN_REPORTS, visible);
}

/**
 * Text for a terminal or a CI log, which may span lines: everything but LF that could act on the terminal (ESC,
 * CR, BEL, C1, bidi controls, U+2028/U+2029) becomes visible `\uXXXX` text.
 * @param s - any string
 * @example terminalText('\r\u001b[2KCONFORMANT') // "\\r\\u001b[2KCONFORMANT"
 */
export function terminalText(s: string): string {
  return s.replace(IN_TERMINAL, visible);
}

/**
 * Text for one terminal line: as {@link terminalText}, and LF becomes `\n` too.
 * @param s - any string
 */
export function terminalLine(s: string): string {
  return s.replace(IN_LINE, visible);
}

/**
 * JSON text of a value whose characters all show as they are: what `JSON.stringify` leaves raw among DEL, C1, bidi
 * controls and U+2028/U+2029 is written as a `\uXXXX` escape, so `JSON.parse` reads back exactly the same value,
 * and `cat report.json` cannot act on a terminal.
 * @param value - any JSON value
 * @param indent - as for `JSON.stringify` @defaultValue none
 * @example jsonText({ k: 'a\u202eb' }) // '{"k":"a\\u202eb"}'
 */
export function jsonText(value: unknown, indent?: number): string {
  // `?? null`: an absent value (an end-to-end case that never reached the trigger) is written as null.
  return JSON.stringify(value ?? null, null, indent).replace(IN_JSON, visible);
}

/**
 * Escapes the characters {@link jsonText} escapes in JSON text already written (a reply exactly as the handler sent
 * it): inside a JSON string they become `\uXXXX` escapes of the same character; outside one they cannot occur in
 * valid JSON, and in invalid JSON they show as text.
 * @param json - JSON text, valid or not
 */
export function jsonTextOf(json: string): string {
  return json.replace(IN_JSON, visible);
}
