/**
 * Up-front checks of constraints objects, in the manner of fast-check's `integer.ts`: a bad constraint throws at
 * once, with the arbitrary and the field named, instead of surfacing as a strange value many runs later.
 * Wrong types throw `TypeError`; values out of range throw `RangeError`.
 */

/** A short rendering of a bad value for a message. */
const show = (v: unknown): string => {
  if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'undefined') return typeof v;
  if (typeof v === 'bigint') return `${v.toString()}n`;
  // Numbers, booleans, null, strings, objects: JSON names them all unambiguously.
  return JSON.stringify(v);
};

/** Fails unless `value` is undefined or a plain object; returns it as a record to read fields from. */
export function constraintsObject(name: string, value: unknown): Readonly<Record<string, unknown>> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TypeError(`${name}: constraints must be an object, got ${value === null ? 'null' : typeof value}`);
  return value as Readonly<Record<string, unknown>>;
}

/**
 * Reads an optional integer field within `[min, max]`.
 * @param name - the arbitrary, for the message
 * @param field - the field name
 * @param value - the field's value
 * @param fallback - used when the field is undefined
 */
export function intField(
  name: string,
  field: string,
  value: unknown,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new TypeError(`${name}: ${field} must be an integer, got ${show(value)}`);
  if (value < min || value > max)
    throw new RangeError(`${name}: ${field} must be between ${min} and ${max} (inclusive), got ${value}`);
  return value;
}

/** Reads an optional boolean field. */
export function boolField(name: string, field: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new TypeError(`${name}: ${field} must be a boolean, got ${typeof value}`);
  return value;
}

/** Reads an optional field that must be one of `allowed`. */
export function enumField<T extends string>(
  name: string,
  field: string,
  value: unknown,
  fallback: T,
  allowed: readonly T[],
): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw new RangeError(`${name}: ${field} must be one of ${allowed.join(', ')}, got ${show(value)}`);
  return value as T;
}

/** Reads an optional array field whose items must each be one of `allowed`. */
export function enumListField<T extends string>(
  name: string,
  field: string,
  value: unknown,
  allowed: readonly T[],
): readonly T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TypeError(`${name}: ${field} must be an array`);
  for (const item of value as unknown[]) enumField(name, `${field}[]`, item, allowed[0] as T, allowed);
  return value as T[];
}
