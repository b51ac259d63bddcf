import { describe, expect, it } from 'vitest';
import { recordLookups } from './lookups.ts';

const parsed = (): Record<string, unknown> =>
  JSON.parse(
    '{"score":{"oldValue":"1","newValue":"2","op":"replace"},"__proto__":{"newValue":"p","op":"replace"}}',
  ) as Record<string, unknown>;

/** lodash's isPlainObject, as handlers use it. */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto === null) return true;
  const Ctor =
    Object.prototype.hasOwnProperty.call(proto, 'constructor') && (proto as { constructor: unknown }).constructor;
  return (
    typeof Ctor === 'function' &&
    Ctor instanceof Ctor &&
    Function.prototype.toString.call(Ctor) === Function.prototype.toString.call(Object)
  );
}

/** Uses values the way a handler's expressions do, and nothing else. */
const touch = (...values: unknown[]): number => values.length;

describe('recordLookups', () => {
  it('records the absent keys a handler looks for, however it asks', () => {
    const records = parsed();
    const seen = new Set<string>();
    recordLookups(records, seen);
    const r = records as Record<string, { newValue?: string } | undefined>;
    const { Level } = r;
    // eslint-disable-next-line no-prototype-builtins -- handlers call it this way
    const flag = records.hasOwnProperty('Flag');
    touch('Lives' in records, r.updateTime, r.Bonus?.newValue, flag, Level, r.score /* own: not recorded */);
    expect([...seen].sort()).toStrictEqual(['Bonus', 'Flag', 'Level', 'Lives', 'updateTime']);
  });

  it('leaves the records a plain parsed object for every use a handler makes of it', () => {
    const records = parsed();
    const plain = parsed();
    recordLookups(records, new Set());
    expect(JSON.stringify(records)).toBe(JSON.stringify(plain));
    expect(Object.keys(records)).toStrictEqual(Object.keys(plain));
    expect(Object.entries(records)).toStrictEqual(Object.entries(plain));
    expect({ ...records }).toStrictEqual({ ...plain });
    expect(structuredClone(records)).toStrictEqual(structuredClone(plain));
    const forIn: string[] = [];
    for (const k in records) forIn.push(k);
    expect(forIn).toStrictEqual(Object.keys(plain));
    expect(records instanceof Object).toBe(true);
    expect(isPlainObject(records)).toBe(true);
    expect(Object.prototype.toString.call(records)).toBe('[object Object]');
    expect(Object.prototype.hasOwnProperty.call(records, '__proto__')).toBe(true);
    // eslint-disable-next-line no-prototype-builtins -- handlers call it this way
    expect(records.hasOwnProperty('score')).toBe(true);
  });

  it('ignores what the runtime itself looks up (toJSON, then) and own keys', () => {
    const records = parsed();
    const seen = new Set<string>();
    recordLookups(records, seen);
    JSON.stringify({ records });
    void Promise.resolve(records);
    expect([...seen]).toStrictEqual([]);
  });
});
