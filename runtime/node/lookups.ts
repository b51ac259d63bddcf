/**
 * Which absent record keys a handler looks for, seen from inside its runtime: the records object of a discovery
 * invocation gets a recording object as its prototype, so a lookup of a key it does not hold (`'Lives' in
 * records`, `records.updateTime`, `records['k']?.newValue`, `records.hasOwnProperty('k')`) reaches the recorder
 * before it finds nothing. The records stay a plain object to everything that reads its own properties
 * (`JSON.stringify`, `Object.keys`, spread, `structuredClone`, `for…in` of own keys, `instanceof Object`); only
 * `Object.getPrototypeOf` tells, which is why only the discovery phase's invocations are instrumented, never a
 * check's.
 */

/** Names the runtime itself looks up on any object (serialization, inspection, promises): not the handler's keys. */
const RUNTIME_NAMES = new Set(['toJSON', 'then', 'constructor', 'inspect', 'nodeType', 'asymmetricMatch', '$$typeof']);

/** The most distinct keys recorded per invocation. */
const MAX_LOOKUPS = 256;

/**
 * Makes `records` report lookups of keys it does not own to `seen`.
 * @param records - the event's `datasetRecords` (a plain object)
 * @param seen - where the looked-up keys go
 */
export function recordLookups(records: object, seen: Set<string>): void {
  const note = (key: string | symbol): void => {
    if (typeof key !== 'string' || RUNTIME_NAMES.has(key) || key in Object.prototype) return;
    if (Object.prototype.hasOwnProperty.call(records, key) || seen.size >= MAX_LOOKUPS || key.length > 1024) return;
    seen.add(key);
  };
  // `records.hasOwnProperty('k')` is a lookup of `k` too, made through the prototype's method.
  const hasOwnProperty = function (this: unknown, key: PropertyKey): boolean {
    if (this === records) note(typeof key === 'number' ? String(key) : key);
    return Object.prototype.hasOwnProperty.call(this, key);
  };
  // A target with Object.prototype above it and its own `constructor`: `instanceof Object` and lodash's
  // isPlainObject still hold.
  const target = Object.create(Object.prototype, {
    constructor: { value: Object, writable: true, configurable: true, enumerable: false },
  }) as object;
  const recorder = new Proxy(target, {
    get(t, key, receiver) {
      if (key === 'hasOwnProperty') return hasOwnProperty;
      if (receiver === records) note(key);
      return Reflect.get(t, key, receiver) as unknown;
    },
    has(t, key) {
      note(key);
      return Reflect.has(t, key);
    },
  });
  Object.setPrototypeOf(records, recorder);
}
