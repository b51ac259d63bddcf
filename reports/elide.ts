/**
 * Huge values, shortened for people: a 1 MB record value becomes `"xxxx…" (1,048,000 chars)` inside the JSON it sits
 * in, so the keys and the rest of the structure stay readable. The whole text stays in `failures/` and `report.json`.
 */

/** A count for people, with thousands separators: `1,048,000`. */
export const count = (n: number): string => n.toLocaleString('en');

// Never end a cut between the two halves of a surrogate pair.
const cutAt = (s: string, n: number): string => {
  const end = n > 0 && /[\ud800-\udbff]/.test(s.charAt(n - 1)) ? n - 1 : n;
  return s.slice(0, end);
};

/**
 * Cuts long text, saying how long the whole is: `first n characters… (12,345 chars)`.
 * @param s - any text
 * @param n - most characters kept
 * @example clip('x'.repeat(5000), 3) // "xxx… (5,000 chars)"
 */
export function clip(s: string, n: number): string {
  return s.length > n ? `${cutAt(s, n)}… (${count(s.length)} chars)` : s;
}

// A JSON string token: quotes around anything but quote and backslash, or a backslash and any one character.
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;

/**
 * Shortens every string literal in JSON text that is longer than `max` characters (quotes included) to its start and
 * the length of the whole literal: `"xxxx…" (1,048,000 chars)`. The result is for reading, not JSON any more where
 * something was cut; text that is not JSON is shortened the same way wherever it has quoted runs.
 * @param json - JSON text
 * @param max - longest literal kept whole
 * @example elideJson('{"k":"' + 'x'.repeat(100) + '"}', 10) // '{"k":"xxxxxxxx…" (102 chars)}'
 */
export function elideJson(json: string, max: number): string {
  if (json.length <= max) return json;
  return json.replace(JSON_STRING, (lit) =>
    lit.length > max ? `${cutAt(lit, Math.max(1, max - 2))}…" (${count(lit.length)} chars)` : lit,
  );
}

/**
 * JSON text of a value for people: long strings elided (see {@link elideJson}), then the whole cut at `total`.
 * @param json - JSON text
 * @param limits - `string`: longest literal kept whole; `total`: most characters in all
 */
export function readableJson(json: string, limits: { readonly string: number; readonly total: number }): string {
  return clip(elideJson(json, limits.string), limits.total);
}
