import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLocalInvoker } from '../../runtime/node/index.ts';
import { harvestSource, scanLiterals, type Harvest } from './harvest.ts';
import { discover } from './index.ts';

const at = (rel: string): string => fileURLToPath(new URL(`../../${rel}`, import.meta.url));
const keysOf = (h: Harvest, min = 1): string[] =>
  h.keys
    .filter((k) => k.score >= min)
    .map((k) => k.value)
    .sort();
const names = (h: Harvest): string[] => h.datasetNames.map((n) => n.value).sort();

describe('harvestSource', () => {
  it("finds the keys AWS's documented sample acts on, sure of each", () => {
    const h = harvestSource('sample.cjs', readFileSync(at('examples/aws-docs-sample.cjs'), 'utf8'));
    expect(keysOf(h, 5)).toStrictEqual(['SampleKey1', 'SampleKey2', 'SampleKey3']);
    // A value it writes is only a guess; the event's own fields and the ops are never keys.
    expect(keysOf(h)).toContain('ModifyValue1');
    for (const field of ['datasetRecords', 'newValue', 'op', 'replace', 'remove', 'SyncTrigger'])
      expect(keysOf(h)).not.toContain(field);
  });

  it('follows the records through aliases, destructuring and the ways handlers ask', () => {
    const h = harvestSource(
      'h.ts',
      `
      export const handler = async (event: any) => {
        const records = event.datasetRecords;
        const { datasetRecords: recs } = event;
        if ('Lives' in records) records.Lives.newValue = '3';
        if (recs.updateTime) delete recs.updateTime;
        if (Object.hasOwn(records, 'Bonus')) records['Score'] = { newValue: '1', op: 'replace' };
        if (Object.prototype.hasOwnProperty.call(records, 'Flag')) return event;
        return event;
      };`,
    );
    expect(keysOf(h, 5)).toStrictEqual(['Bonus', 'Flag', 'Lives', 'Score', 'updateTime']);
  });

  it('finds the dataset names a handler routes on: ===, switch, includes, startsWith', () => {
    const h = harvestSource(
      'h.js',
      `exports.handler = async (event) => {
        const name = event.datasetName;
        if (event.datasetName === 'ShoppingList') return event;
        if ('Settings' == name) return event;
        switch (event.datasetName) { case 'Profile': break; default: break; }
        if (['GameA', 'GameB'].includes(event.datasetName)) return event;
        if (name.startsWith('tmp_')) return event;
        return event;
      };`,
    );
    expect(names(h)).toStrictEqual(['GameA', 'GameB', 'Profile', 'Settings', 'ShoppingList', 'tmp_']);
    expect(keysOf(h, 3)).not.toContain('ShoppingList');
  });
});

describe('scanLiterals', () => {
  it('takes key-like quoted strings of any language, and dataset names compared on their line', () => {
    const h = scanLiterals(
      'handler.py',
      `records = event["datasetRecords"]\nif "Lives" in records:\n    pass\nif event['datasetName'] == "Inventory":\n    print("a message with spaces")\n`,
    );
    expect(keysOf(h)).toContain('Lives');
    expect(keysOf(h)).not.toContain('a message with spaces');
    expect(names(h)).toContain('Inventory');
  });
});

describe('discover', () => {
  it('finds keys no literal names, from what the handler looks up, and feeds them back', async () => {
    const invoker = createLocalInvoker({ modulePath: at('fixtures/handlers/discovery-lookups.cjs') });
    try {
      const d = await discover({ target: { kind: 'lambda' }, enabled: true }, invoker);
      const looked = d.keys.filter((k) => k.source === 'lookup').map((k) => k.value);
      // `level1` is asked for on every event; `level2` only once `level1` is there: a second round finds it.
      expect(looked).toContain('level1');
      expect(looked).toContain('level2');
    } finally {
      await invoker.close();
    }
  });

  it('keeps declared names first and finds nothing when turned off', async () => {
    const d = await discover({
      target: { kind: 'module', modulePath: at('examples/aws-docs-sample.cjs') },
      keys: ['declared'],
      datasetNames: ['Declared'],
      enabled: false,
    });
    expect(d).toStrictEqual({
      keys: [{ value: 'declared', source: 'config' }],
      datasetNames: [{ value: 'Declared', source: 'config' }],
    });
  });
});
