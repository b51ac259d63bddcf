/**
 * AWS's documented sample (examples/aws-docs-sample.cjs) acts only on `SampleKey1`–`SampleKey3`. With default
 * settings and no config, discovery must find those keys so the run meets its two bugs: it throws on a null entry
 * (`{"SampleKey1": null}`) and it writes back `SampleKey3` after the user removed it.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkConformance } from '../harness/index.ts';
import { scaled } from './timeScale.test-helpers.ts';

const handler = fileURLToPath(new URL('../examples/aws-docs-sample.cjs', import.meta.url));

describe("AWS's documented sample", () => {
  it(
    'is flagged for its null-entry crash and its resurrection by default',
    async () => {
      const run = await checkConformance({
        handler,
        seed: 20261122,
        runs: 25,
        store: false,
        concurrency: 1,
        initTimeoutMs: scaled(10_000),
        checkTimeLimitMs: scaled(60_000),
      });
      const homes = run.rootCauses.map((c) => c.home);
      const why = run.rootCauses.map((c) => `${c.id} ${c.home}: ${c.title}`).join('\n');
      expect(homes, why).toContain('robustness/null-entries');
      expect(homes, why).toContain('data/user-removals-kept');
      expect(run.checks.find((c) => c.id === 'robustness/null-entries')?.outcome).toBe('fail');
      expect(run.checks.find((c) => c.id === 'data/user-removals-kept')?.outcome).toBe('fail');
    },
    scaled(300_000),
  );
});
