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

describe('coverage-guided steering', () => {
  it('marks a key on a line discovery never reached, and the run then reaches it and finds the bug behind it', async () => {
    const { checkConformance } = await import('../index.ts');
    const { failuresOf } = await import('../result.ts');
    const run = await checkConformance({
      handler: fixture('covered/steer-vault.cjs'),
      checks: ['data/user-removals-kept'],
      seed: 1,
      runs: 25,
      store: false,
    });
    // Forty trimmed fields are reached by every event; the guarded block (line 8) only by a removal of Vault.
    expect(run.discovery?.keys.filter((k) => k.nearUnreached).map((k) => k.value)).toStrictEqual(['Vault']);
    const file = run.handlerCoverage && 'files' in run.handlerCoverage ? run.handlerCoverage.files[0] : undefined;
    expect(file?.unreachedLines).toStrictEqual([]);
    const [check] = run.checks;
    const [failure] = check ? failuresOf(check) : [];
    expect(failure?.counterexample.messages.join()).toMatch(/"Vault"/);
    const { discoveryText } = await import('../../reports/format.ts');
    expect(discoveryText(run)).toMatch(/; "Vault", near code discovery did not reach, came up more often$/);
  });
});
