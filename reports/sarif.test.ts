/**
 * `report.sarif`: valid against the SARIF 2.1.0 JSON Schema (vendored in reports/schema/, see its README) for every
 * fixture run, hostile ones included; each failure a result at the handler's own line (or on its module when it
 * replied wrongly); harness trouble a tool notification, never a result and never a clean execution.
 */
import { mapFailures } from '../harness/result.ts';
import { failed, specOf } from './__fixtures__/failed.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../harness/index.ts';
import { conformantRun, fixtureChecks, fixtureRun, partialRun, runOf } from './__fixtures__/run.ts';
import { everyFieldRun, minimalRun } from './__fixtures__/shapes.ts';
import { nullEntryFailure } from './__fixtures__/failures.ts';
import { HOSTILE, RAW_CONTROL } from './__fixtures__/hostile.ts';
import { spoofRun } from './__fixtures__/spoof.ts';
import { renderSarif, SARIF_SCHEMA_URI } from './sarif.ts';

const SCHEMA = JSON.parse(readFileSync(new URL('./schema/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;
// The schema is draft-04 (ajv-draft-04). Its language pattern `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$` is no
// regular expression under the `u` flag ajv uses by default; formats (`uri`, `date-time`) need ajv-formats, which
// the log's own tests below stand in for.
// A CommonJS module: its class is the default export's `default` as TypeScript sees it.
const AjvDraft04 = ajvDraft04.default;
const validate = new AjvDraft04({
  allErrors: true,
  strict: false,
  unicodeRegExp: false,
  validateFormats: false,
}).compile(SCHEMA);

const errorsOf = (log: unknown): string[] =>
  validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations?: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region: { startLine: number; startColumn?: number };
    };
  }[];
  partialFingerprints: Record<string, string>;
}
interface SarifRun {
  tool: { driver: { name: string; rules: { id: string; defaultConfiguration: { level: string } }[] } };
  originalUriBaseIds: Record<string, { uri: string }>;
  invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { descriptor: { id: string } }[] }[];
  results: SarifResult[];
}

const sarif = (run: RunResult, root = process.cwd()): { version: string; $schema: string; runs: SarifRun[] } =>
  JSON.parse(renderSarif(run, root)) as { version: string; $schema: string; runs: SarifRun[] };
const only = (log: { runs: SarifRun[] }): SarifRun => log.runs[0] as SarifRun;

describe('report.sarif', () => {
  it.each([
    ['the fixture run', fixtureRun()],
    ['a conformant run', conformantRun()],
    ['a partial run', partialRun()],
    ['a run with every field', everyFieldRun()],
    ['a minimal run', minimalRun()],
    ['a run of spoofing handler text', spoofRun()],
    ['a strict run', runOf(fixtureChecks(), true)],
  ])('validates against the SARIF 2.1.0 schema: %s', (_, run) => {
    const log = sarif(run);
    expect(errorsOf(log)).toStrictEqual([]);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe(SARIF_SCHEMA_URI);
  });

  it('the schema check can fail: a log without a version, or with a bad level, is refused', () => {
    const log = sarif(fixtureRun()) as unknown as Record<string, unknown>;
    expect(errorsOf({ ...log, version: undefined })).not.toStrictEqual([]);
    const run = only(log as unknown as { runs: SarifRun[] });
    expect(errorsOf({ ...log, runs: [{ ...run, results: [{ ...run.results[0], level: 'fatal' }] }] })).not.toEqual([]);
  });

  it('has one rule per check and one result per failed check, at the handler’s own line when it threw', () => {
    const run = fixtureRun();
    const log = only(sarif(run, '/var/task'));
    expect(log.tool.driver.rules.map((r) => r.id)).toStrictEqual(run.checks.map((c) => c.id));
    const failed = run.checks.filter((c) => c.outcome === 'fail').map((c) => c.id);
    expect(log.results.map((r) => r.ruleId)).toStrictEqual(failed);
    for (const r of log.results) expect(log.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
    const thrown = log.results.find((r) => r.ruleId === 'robustness/null-entries');
    // The fixture's trace: `at Runtime.handler (file:///var/task/handlers/game-sync.mjs:7:31)`.
    expect(thrown?.locations).toStrictEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'handlers/game-sync.mjs', uriBaseId: 'SRCROOT' },
          region: { startLine: 7, startColumn: 31 },
        },
      },
    ]);
    expect(log.originalUriBaseIds.SRCROOT?.uri).toBe('file:///var/task/');
    expect(thrown?.message.text).toContain('replay: npx cognito-sync-conformance replay robustness/null-entries');
    expect(thrown?.message.text).not.toContain('rests on');
    // A failure that rests on an undocumented reading says which.
    const resting = log.results.find((r) => r.ruleId === 'semantics/undocumented-reading');
    expect(resting?.message.text).toContain('rests on undocumented readings: reply.nonStringValue=invalid');
  });

  it('places a reply judged wrong on the handler module, relative to the source root', () => {
    const log = only(sarif(fixtureRun(), process.cwd()));
    const dropped = log.results.find((r) => r.ruleId === 'data/no-dropped-changes');
    expect(dropped?.locations?.[0]?.physicalLocation).toStrictEqual({
      artifactLocation: { uri: 'handlers/game-sync.mjs', uriBaseId: 'SRCROOT' },
      region: { startLine: 1 },
    });
    // Outside the root, the file is named by its absolute URI.
    const outside = only(sarif(fixtureRun(), join(process.cwd(), 'elsewhere')));
    const uri = outside.results.find((r) => r.ruleId === 'data/no-dropped-changes')?.locations?.[0]?.physicalLocation
      .artifactLocation;
    expect(uri).toStrictEqual({ uri: `file://${join(process.cwd(), 'handlers/game-sync.mjs')}` });
  });

  it('levels: a must failure is an error, a should failure a warning (an error under --strict)', () => {
    const levels = (run: RunResult): Record<string, string> =>
      Object.fromEntries(only(sarif(run)).results.map((r) => [r.ruleId, r.level]));
    expect(levels(fixtureRun())).toMatchObject({
      'robustness/null-entries': 'error',
      'data/no-dropped-changes': 'warning',
    });
    expect(levels(runOf(fixtureChecks(), true))).toMatchObject({ 'data/no-dropped-changes': 'error' });
  });

  it('reports errors, timeouts and skips as notifications of an unsuccessful execution', () => {
    const run = fixtureRun();
    const inv = only(sarif(run)).invocations[0];
    expect(inv?.executionSuccessful).toBe(false);
    const trouble = run.checks.filter((c) => ['error', 'timeout', 'skip'].includes(c.outcome)).map((c) => c.id);
    expect(trouble.length).toBeGreaterThan(0);
    expect(inv?.toolExecutionNotifications?.map((n) => n.descriptor.id)).toStrictEqual(trouble);
    expect(only(sarif(conformantRun())).invocations[0]).toMatchObject({ executionSuccessful: true });
    expect(only(sarif(conformantRun())).results).toStrictEqual([]);
  });

  it('keeps a stable fingerprint across seeds, and handler text inert', () => {
    const a = only(sarif(fixtureRun())).results.map((r) => r.partialFingerprints);
    const reseeded = runOf(
      fixtureChecks().map((c) =>
        c.outcome === 'fail'
          ? {
              ...c,
              failures: mapFailures(c.failures, (f) => ({
                ...f,
                counterexample: { ...f.counterexample, seed: 1, eventHash: 'other' },
              })),
            }
          : c,
      ),
    );
    expect(only(sarif(reseeded)).results.map((r) => r.partialFingerprints)).toStrictEqual(a);
    const text = renderSarif(spoofRun());
    const parsed = JSON.stringify(JSON.parse(text));
    expect(RAW_CONTROL.test(parsed)).toBe(false);
    // `[text](target)` in a handler's message must not become a link in code scanning.
    const spec = specOf(nullEntryFailure);
    const linked = runOf([
      failed({ ...spec, counterexample: { ...spec.counterexample, messages: [`boom ${HOSTILE.markdown}`] } }),
    ]);
    const messages = [linked, fixtureRun(), spoofRun()].flatMap((run) =>
      only(sarif(run)).results.map((r) => r.message.text),
    );
    expect(messages.some((m) => m.includes('\\[x\\](javascript:'))).toBe(true);
    for (const m of messages) expect(m).not.toMatch(/(^|[^\\])\[[^\]]*(?<!\\)\]\(/);
  });
});
