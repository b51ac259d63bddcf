/**
 * The replay files of failures: the event as the handler got it, the check's input, a README on sending the event
 * to a function, and a regression test whose source no handler name or check id can break out of. That the
 * generated test runs (fails for the bad handler, passes for a good one) is proven in `test/regression.test.ts`.
 */
import { failed, specOf } from '../__fixtures__/failed.ts';
import { firstCounterexample } from '../../harness/result.ts';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { CheckResult, RunResult } from '../../harness/index.ts';
import { droppedFailure } from '../__fixtures__/failures.ts';
import { HOSTILE } from '../__fixtures__/hostile.ts';
import { conformantRun, fixtureRun, runOf } from '../__fixtures__/run.ts';
import { failureArtifacts } from './artifacts.ts';
import { checkDir, failureCases } from './paths.ts';
import { README_MARK } from './readme.ts';
import { GENERATED_MARK, renderRegressionTest } from './regressionTest.ts';

const run = fixtureRun();
const files = new Map(failureArtifacts(run).map((f) => [f.path, f.content]));
const failing = run.checks.filter((c) => c.outcome === 'fail');

/** Parses generated TypeScript; returns its syntax errors and the object literal `const target = …` holds. */
function parse(source: string): { errors: string[]; target: Record<string, string>; tests: string[] } {
  const out = ts.transpileModule(source, {
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext },
  });
  const errors = (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  const file = ts.createSourceFile('t.ts', source, ts.ScriptTarget.ES2022, true);
  const target: Record<string, string> = {};
  const tests: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && n.name.getText() === 'target' && n.initializer) {
      // String properties of the literal and of literals spread into it (not of nested values like `readings`).
      const collect = (m: ts.Node): void => {
        if (
          ts.isPropertyAssignment(m) &&
          ts.isStringLiteral(m.initializer) &&
          !ts.isPropertyAssignment(m.parent.parent)
        )
          target[ts.isStringLiteral(m.name) || ts.isIdentifier(m.name) ? m.name.text : m.name.getText()] =
            m.initializer.text;
        ts.forEachChild(m, collect);
      };
      collect(n.initializer);
    }
    if (ts.isCallExpression(n) && /^it(\.skip)?$/.test(n.expression.getText())) {
      const [name] = n.arguments;
      if (name && ts.isStringLiteral(name)) tests.push(`${n.expression.getText()} ${name.text}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(file);
  return { errors, target, tests };
}

describe('replay artifacts', () => {
  it('write each failing event as the handler got it and each check input, under the check id', () => {
    const cases = failureCases(run);
    expect(cases.map((c) => c.eventPath)).toStrictEqual(failing.map((c) => `failures/${c.id}/1.event.json`));
    for (const c of cases) {
      expect(JSON.stringify(JSON.parse(files.get(c.eventPath ?? '') ?? 'null'))).toBe(
        JSON.stringify(c.counterexample.event),
      );
      expect(JSON.stringify(JSON.parse(files.get(c.inputPath) ?? 'null'))).toBe(JSON.stringify(c.counterexample.input));
    }
    // A record key `__proto__` stays a key of the written event.
    const event = JSON.parse(files.get('failures/data/no-dropped-changes/1.event.json') ?? '{}') as {
      datasetRecords: object;
    };
    expect(Object.keys(event.datasetRecords)).toContain('__proto__');
    expect(failureArtifacts(conformantRun())).toStrictEqual([]);
  });

  it('keep check folders safe and apart', () => {
    expect(checkDir('reply/shape')).toBe('reply/shape');
    expect(checkDir('user/../..')).toBe('user/_/_');
    expect(checkDir('user/a b<c>')).toBe('user/a-b-c-');
    const twins = failureCases(runOf([droppedFailure, { ...droppedFailure, id: 'data/no dropped-changes' }]));
    expect(twins.map((c) => c.eventPath)).toStrictEqual([
      'failures/data/no-dropped-changes/1.event.json',
      'failures/data/no-dropped-changes/2.event.json',
    ]);
  });

  it('README.md says how to send each event to a function, and marks the folder as generated', () => {
    const readme = files.get('failures/README.md') ?? '';
    expect(readme.startsWith(README_MARK)).toBe(true);
    expect(readme).toContain('sam local invoke -e failures/reply/read-only-fields/1.event.json YourFunctionLogicalId');
    expect(readme).toContain('--payload fileb://failures/reply/read-only-fields/1.event.json reply.json');
    for (const c of failureCases(run))
      expect(readme).toContain(`<code>${c.eventPath?.replace(/[-.]/g, '\\$&') ?? '?'}</code>`);
    expect(readme).not.toContain(HOSTILE.pwnSvg);
  });

  it('the regression test is valid TypeScript with one test per failure, whatever the names hold', () => {
    const source = files.get('failures/regression.replay.ts') ?? '';
    expect(source.startsWith(GENERATED_MARK)).toBe(true);
    const p = parse(source);
    expect(p.errors).toStrictEqual([]);
    expect(p.target).toStrictEqual({ handler: run.target.handler, runtime: 'nodejs22.x' });
    expect(p.tests.map((t) => t.split(' #')[0])).toStrictEqual(failing.map((c) => `it ${c.id}`));
    expect(source).toContain('"readings":{"reply.nullEntry":"remove"}');
    // Its own Vitest config runs it, under a name no default test glob matches (`npm test` stays the user's).
    expect(files.get('failures/vitest.replay.config.mjs')).toContain('include: ["regression.replay.ts"]');
    expect([...files.keys()].filter((f) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(f))).toStrictEqual([]);
    // A handler name and a title built to end strings, comments and lines of code stay data.
    const evil = `x"; process.exit(1); //\u2028*/\n\`\${process.exit(2)}\``;
    const hostile: RunResult = runOf([{ ...droppedFailure, title: evil }]);
    const crafted = {
      ...hostile,
      startedAt: `2025\n*/ process.exit(3) /*`,
      target: { ...hostile.target, handler: evil },
    };
    const q = parse(renderRegressionTest(crafted) ?? '');
    expect(q.errors).toStrictEqual([]);
    expect(q.target.handler).toBe(evil);
    expect(q.tests).toHaveLength(1);
    expect(renderRegressionTest(crafted)).not.toMatch(/^[^/"]*process\.exit/m);
  });

  it('the regression test fits the target: a command, a deployed function, a user property, an end-to-end run', () => {
    const base = runOf([droppedFailure]);
    const as = (kind: RunResult['target']['kind'], checks: readonly CheckResult[] = base.checks): RunResult => ({
      ...base,
      target: { kind, description: kind, handler: './fn' },
      checks,
    });
    expect(parse(renderRegressionTest(as('command')) ?? '').target).toMatchObject({ command: './fn' });
    const lambda = renderRegressionTest(as('lambda')) ?? '';
    expect(parse(lambda).target).toMatchObject({ lambda: './fn' });
    expect(lambda).toContain('process.env.AWS_ENDPOINT_URL ? { endpoint: process.env.AWS_ENDPOINT_URL } : {}');
    // A user property replays with the properties of the config the run loaded; without one it waits (`it.skip`).
    const userRun = as('module', [{ ...droppedFailure, id: 'user/score-is-numeric' }]);
    const withConfig = renderRegressionTest({ ...userRun, options: { ...userRun.options, config: 'c.config.ts' } });
    const user = parse(withConfig ?? '');
    expect(user.errors).toStrictEqual([]);
    expect(user.tests).toStrictEqual([expect.stringMatching(/^it user\/score-is-numeric #1/)]);
    expect(withConfig).toContain('const config = await loadConfig(resolve("c.config.ts"));');
    expect(withConfig).toContain('properties: config.properties ?? []');
    const without = parse(renderRegressionTest(userRun) ?? '');
    expect(without.tests).toStrictEqual([expect.stringMatching(/^it\.skip user\/score-is-numeric #1/)]);
    // An end-to-end run replays through the service (`replay --from report.json`), and its case may have no event.
    const cx = firstCounterexample(droppedFailure);
    if (!cx) throw new Error('the fixture failure has a counterexample');
    const live = as('cognito-sync', [failed({ ...specOf(droppedFailure), counterexample: { ...cx, event: null } })]);
    expect(renderRegressionTest(live)).toBeUndefined();
    expect(failureArtifacts(live).map((f) => f.path)).toStrictEqual([
      'failures/data/no-dropped-changes/1.input.json',
      'failures/README.md',
    ]);
  });
});
