/**
 * String helpers shared by the key and value arbitraries. Lengths are UTF-16 code units (`.length`), the unit the
 * model checks key and value lengths in; sizes are UTF-8 bytes, the unit of the 1 MB dataset limit.
 */
import fc from 'fast-check';
import { SDK_KEY_PATTERN, utf8Bytes } from '../../model/index.ts';

/**
 * Keys that name `Object.prototype` members. A handler that stores records in a plain `{}` loses `__proto__`
 * (assignment sets the prototype) and misreads the others (`'toString' in records` is true for an empty object).
 * All of them match the JS SDK's key pattern, so every client can send them.
 */
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
  'prototype',
] as const;

/** Curated non-ASCII keys: astral and emoji (2 code units, 4 bytes), ZWJ sequences, RTL, combining, invisible. */
export const UNICODE_KEYS = [
  'ключ',
  'clé',
  'e\u0301',
  'ß',
  'İ',
  '键',
  'キー',
  '🔑',
  '😀',
  '👨‍👩‍👧',
  '🇫🇷',
  'שלום',
  'مفتاح',
  '\u202ekey',
  'key\u200b',
  '\ufeffkey',
  'ﬁ',
  '𝒳',
  '\u{10ffff}',
] as const;

/** The characters of the JS SDK's key pattern `^[a-zA-Z0-9_.:-]{1,128}$`. */
export const SDK_KEY_CHARS: readonly string[] = Array.from(
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-',
);

/** True for a key every AWS client accepts as well as the API: the JS SDK's pattern, hence at most 128 bytes. */
export const isSdkSafeKey = (key: string): boolean => SDK_KEY_PATTERN.test(key);

/** True when `s` has a character outside ASCII. */
export const hasNonAscii = (s: string): boolean => /[\u0080-\u{10ffff}]/u.test(s);

/**
 * Cuts `s` to at most `max` UTF-16 code units without splitting a surrogate pair (a lone surrogate cannot be
 * encoded in UTF-8, so no client could send it).
 */
export function clampUnits(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/**
 * `prefix` followed by copies of `filler` up to exactly `length` code units when `filler` fits evenly; the prefix
 * is cut first when it is already too long. Used for boundary lengths, where only the length matters.
 * @param prefix - a drawn start, so that boundary keys differ from each other
 * @param filler - one character (one or two code units)
 * @param length - the target length in code units
 */
export function padTo(prefix: string, filler: string, length: number): string {
  const head = clampUnits(prefix, length);
  const room = length - head.length;
  const body = filler.repeat(Math.floor(room / filler.length));
  // An astral filler cannot fill an odd gap: close it with one ASCII unit so the length stays exact.
  return head + body + 'k'.repeat(room - body.length);
}

/** Fills `prefix` with `filler` until the string has exactly `bytes` UTF-8 bytes (ASCII closes any odd gap). */
export function padToBytes(prefix: string, filler: string, bytes: number): string {
  let s = prefix;
  while (utf8Bytes(s) > bytes) s = clampUnits(s, s.length - 1);
  const fillerBytes = utf8Bytes(filler);
  const room = bytes - utf8Bytes(s);
  const body = filler.repeat(Math.floor(room / fillerBytes));
  return s + body + 'k'.repeat(room - utf8Bytes(body));
}

const repeats = new Map<string, string>();

/**
 * `char.repeat(count)`, memoized: bulk records share a few long values, and building a 1 MB string thousands of
 * times per test run costs seconds where a lookup costs nothing. Bounded so a long run does not hoard memory.
 */
export function repeated(char: string, count: number): string {
  const id = `${char}\u0000${count}`;
  let s = repeats.get(id);
  if (s === undefined) {
    if (repeats.size >= 256) repeats.clear();
    s = char.repeat(count);
    repeats.set(id, s);
  }
  return s;
}

/**
 * One Unicode scalar value (any code point but a surrogate), as a string. Used instead of fast-check's `'binary'`
 * unit: that unit makes every `fc.string` over it build a reverse table of all 1.1 million characters once per
 * process (about a second), to recognise its "dangerous strings" without context. Ours cannot be recognised
 * without context, which only means values drawn here never shrink from outside a run: shrinking works as usual.
 */
export const unicodeUnit: fc.Arbitrary<string> = fc
  .oneof(
    { arbitrary: fc.integer({ min: 0x20, max: 0x7e }), weight: 2 },
    { arbitrary: fc.integer({ min: 0, max: 0xd7ff }), weight: 2 },
    { arbitrary: fc.integer({ min: 0xe000, max: 0x10ffff }), weight: 1 },
  )
  .map((cp) => String.fromCodePoint(cp));

/** Graphemes that are more than one code point: combining marks, skin tones, flags, ZWJ families, keycaps. */
const CLUSTERS = ['e\u0301', 'a\u0308\u0301', '👍🏽', '🇯🇵', '👨‍👩‍👧', '1\ufe0f\u20e3', 'ก\u0e33', '한'.normalize('NFD')];

/** One user-perceived character: a scalar value or a multi-code-point cluster (see {@link unicodeUnit}). */
export const graphemeUnit: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: unicodeUnit, weight: 4 },
  { arbitrary: fc.constantFrom(...CLUSTERS), weight: 1 },
);
