/**
 * The kill matrix: every fixture handler fails exactly the checks its manifest declares, and nothing errors.
 * This is what proves each check fires on its target (and only there).
 */
import { troubleText } from '../reports/format.ts';
import { firstCounterexample } from '../harness/result.ts';
import { describe, expect, it } from 'vitest';
import { checkConformance } from '../harness/index.ts';
import { FIXTURES } from '../fixtures/handlers/conformance/manifest.ts';

const dir = new URL('../fixtures/handlers/conformance/', import.meta.url).pathname;

describe('kill matrix', () => {
  it.each(FIXTURES.map((f) => [`${f.file}${f.runtime ? ` on ${f.runtime}` : ''}`, f] as const))(
    '%s fails exactly its declared checks',
    async (_name, f) => {
      const run = await checkConformance({
        handler: `${dir}${f.file}`,
        seed: 20261122,
        runs: 40,
        store: false,
        ...(f.runtime ? { runtime: f.runtime } : {}),
        ...(f.checks ? { checks: [...f.checks] } : {}),
        // Failures that cost the whole deadline are not shrunk further than needed to show them.
        checkTimeLimitMs: 20_000,
      });
      const problems = run.checks.filter((c) => c.outcome !== 'pass' && c.outcome !== 'fail');
      expect(problems.map((c) => `${c.id}: ${troubleText(c) ?? ''}`)).toStrictEqual([]);
      const failed = run.checks.filter((c) => c.outcome === 'fail').map((c) => c.id);
      expect(failed.sort()).toStrictEqual([...f.fails].sort());
      for (const c of run.checks.filter((x) => x.outcome === 'fail')) {
        expect(firstCounterexample(c)?.replay).toMatch(/^npx cognito-sync-conformance replay /);
      }
    },
    120_000,
  );
});
