/**
 * Null-prototype dictionaries. Record keys come from users and handlers: a key named `__proto__` must be an
 * ordinary own key, so no plain `{}` ever holds record keys.
 */

/** A fresh dictionary with no prototype. */
export function dict<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/** A null-prototype dictionary from entries (later entries win). */
export function dictFrom<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
  const out = dict<V>();
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** Own-property test that is safe for any key, including `hasOwnProperty` and `__proto__`. */
export function has(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** A plain JSON object (not null, not an array). */
export function isJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// eslint-disable-next-line no-control-regex -- the ASCII range is exactly what is meant
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Byte counts of long non-ASCII strings already counted. Judging re-counts the same values many times (each reading,
 * each check, the stored and the resulting dataset), and a full dataset often repeats one value 1,024 times: a
 * lookup (native hashing and comparison) is far cheaper than counting again in JS. Bounded; invisible to callers.
 */
const LONG_COUNTS = new Map<string, number>();
const LONG = 256;
const LONG_COUNTS_MAX = 2048;

/** Bytes of a string in UTF-8, the unit of the dataset size limit. */
export function utf8Bytes(s: string): number {
  // Most keys and values are ASCII: one native regex scan instead of a loop in JS.
  if (!NON_ASCII.test(s)) return s.length;
  if (s.length < LONG) return countUtf8(s);
  const known = LONG_COUNTS.get(s);
  if (known !== undefined) return known;
  const n = countUtf8(s);
  if (LONG_COUNTS.size >= LONG_COUNTS_MAX) LONG_COUNTS.clear();
  LONG_COUNTS.set(s, n);
  return n;
}

function countUtf8(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/**
 * The own entry of a key, made and set (as an own property, `__proto__` included) when there is none.
 * @param obj - any object
 * @param key - any key
 * @param make - the entry of a new key
 */
export function ownEntry<V>(obj: Record<string, V>, key: string, make: () => V): V {
  return has(obj, key) ? (obj[key] as V) : setOwn(obj, key, make());
}

/**
 * Sets an own, enumerable property on any object, `__proto__` included (an assignment would set the prototype).
 * @returns the value
 */
function setOwn<V>(obj: Record<string, V>, key: string, value: V): V {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  return value;
}
