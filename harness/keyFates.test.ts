/**
 * Key fates count the keys a handler's source names, and a source may name `__proto__`: counting it must neither
 * touch Object.prototype in the tool's process nor lose the key.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { datasetNamesExercisedOf, keysExercisedOf } from '../reports/format.ts';
import { dict } from '../model/dict.ts';
import type { RunResult } from './result.ts';
import { countDatasetName, countKeyFates, keyFate } from './keyFates.ts';

const polluted = (): string[] => Object.keys(Object.prototype);

describe('key fates', () => {
  afterEach(() => {
    for (const k of polluted()) Reflect.deleteProperty(Object.prototype, k);
  });

  it('tells each fate', () => {
    const event = {
      datasetRecords: {
        a: { oldValue: null, newValue: '1', op: 'replace' },
        b: { oldValue: '1', newValue: '1', op: 'replace' },
        c: { oldValue: '1', newValue: '2', op: 'replace' },
        d: { oldValue: '1', newValue: null, op: 'remove' },
        e: null,
      },
    };
    expect(['a', 'b', 'c', 'd', 'e', 'f'].map((k) => keyFate(event, k))).toEqual([
      'new',
      'untouched',
      'replace',
      'remove',
      'null-entry',
      'absent',
    ]);
  });

  it('counts __proto__ and constructor as keys of their own, leaving Object.prototype alone', () => {
    const into: Record<string, Record<string, number>> = {};
    const event: unknown = JSON.parse(
      '{"datasetRecords":{"__proto__":{"oldValue":null,"newValue":"1","op":"replace"}}}',
    );
    countKeyFates(into, event, ['__proto__', 'constructor']);
    countKeyFates(into, event, ['__proto__', 'constructor']);
    expect(polluted()).toEqual([]);
    expect(Object.keys(into)).toEqual(['__proto__', 'constructor']);
    expect(JSON.stringify(Object.getOwnPropertyDescriptor(into, '__proto__')?.value)).toBe('{"new":2}');
    expect(JSON.stringify(into.constructor)).toBe('{"absent":2}');
  });

  it('a report adds them up across checks the same way', () => {
    const fates = JSON.parse('{"__proto__":{"new":2},"constructor":{"absent":1}}') as Record<
      string,
      Record<string, number>
    >;
    const run = { checks: [{ keysExercised: fates }, { keysExercised: fates }] } as unknown as RunResult;
    const out = keysExercisedOf(run);
    expect(polluted()).toEqual([]);
    expect(JSON.parse(JSON.stringify(out))).toEqual(JSON.parse('{"__proto__":{"new":4},"constructor":{"absent":2}}'));
  });
});

describe('dataset names exercised', () => {
  it('counts the cases carrying each routed-on name, by their input classes, and ignores other names', () => {
    const into = dict<Record<string, number>>();
    const names = ['ShoppingList', '__proto__'];
    countDatasetName(into, { datasetName: 'ShoppingList' }, names, ['null-entries', 'max-records']);
    countDatasetName(into, { datasetName: 'ShoppingList' }, names, ['null-entries']);
    countDatasetName(into, { datasetName: 'game_state' }, names, ['null-entries']);
    countDatasetName(into, { datasetName: '__proto__' }, names, []);
    countDatasetName(into, null, names, []);
    expect(polluted()).toEqual([]);
    expect(JSON.parse(JSON.stringify(into))).toEqual(
      JSON.parse('{"ShoppingList":{"events":2,"null-entries":2,"max-records":1},"__proto__":{"events":1}}'),
    );
    const run = { checks: [{ datasetNamesExercised: into }, { datasetNamesExercised: into }] } as unknown as RunResult;
    expect(datasetNamesExercisedOf(run).ShoppingList).toEqual({ events: 4, 'null-entries': 4, 'max-records': 2 });
  });
});
