import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalInvoker } from '../../runtime/node/index.ts';
import { discover, startHarvest } from './index.ts';

const fixture = (p: string): string => fileURLToPath(new URL(`../../fixtures/handlers/${p}`, import.meta.url));

describe('discovery', () => {
  const invoker = createLocalInvoker({ modulePath: fixture('discovery-lookups.cjs'), isolation: 'worker' });
  afterAll(() => invoker.close());

  it('harvests a TypeScript handler off the main thread, with where each key is used', async () => {
    const harvests = await startHarvest({ enabled: true, target: { kind: 'module', modulePath: fixture('typed.ts') } });
    const keys = harvests.flatMap((h) => h.keys);
    const name = keys.find((k) => k.value === 'name');
    expect(name?.score).toBe(5);
    expect(name?.at).toMatch(/typed\.ts:14$/);
  });

  it('merges the source, what the handler looks up, and what the user declares, declared first', async () => {
    const d = await discover(
      {
        enabled: true,
        target: { kind: 'module', modulePath: fixture('discovery-lookups.cjs') },
        keys: ['declared'],
        datasetNames: ['shop'],
      },
      invoker,
    );
    expect(d.keys[0]).toStrictEqual({ value: 'declared', source: 'config' });
    expect(d.keys.filter((k) => k.source === 'lookup').map((k) => k.value)).toStrictEqual(['level1', 'level2']);
    expect(d.datasetNames).toStrictEqual([{ value: 'shop', source: 'config' }]);
  });

  it('off, it keeps only what is declared and harvests nothing', async () => {
    const target = { kind: 'module', modulePath: fixture('typed.ts') } as const;
    expect(await startHarvest({ enabled: false, target })).toStrictEqual([]);
    expect(await discover({ enabled: false, target, keys: ['k'] })).toStrictEqual({
      keys: [{ value: 'k', source: 'config' }],
      datasetNames: [],
    });
  });
});
