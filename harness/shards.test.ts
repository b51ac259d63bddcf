/**
 * Shards: every selected check runs in exactly one shard, whole; the shards of one run join into that run (checks in
 * run order, verdict, summary and root causes recomputed across shards), and anything else is refused with E_SHARD.
 */
import { describe, expect, it } from 'vitest';
import { fixtureRun } from '../reports/__fixtures__/run.ts';
import { CATALOG, checkById } from '../suites/catalog.ts';
import { summarize, type RunResult } from './result.ts';
import { rootCausesOf } from './rootCauses.ts';
import { joinShards, shardChecks, type ShardReport } from './shards.ts';

const classesOf = (id: string): readonly string[] => checkById(id)?.classes ?? [];

/** The run split as `run --shard i/n` splits it, each shard's report as a shard writes it. */
function split(run: RunResult, count: number): ShardReport[] {
  return Array.from({ length: count }, (_, i) => {
    const shard = { index: i + 1, count };
    const checks = shardChecks(run.checks, shard);
    const rootCauses = rootCausesOf(checks, classesOf);
    return {
      file: `shard-${i + 1}/report.json`,
      run: {
        ...run,
        options: { ...run.options, shard },
        startedAt: new Date(Date.parse(run.startedAt) + i * 1000).toISOString(),
        summary: summarize(checks, run.options.strict, rootCauses.length, true),
        checks,
        rootCauses,
      },
    };
  });
}

const E_SHARD = (message: RegExp) => ({
  name: 'HarnessError',
  code: 'E_SHARD',
  message: expect.stringMatching(message) as unknown,
});

describe('shardChecks', () => {
  it.each([1, 2, 3, 5, CATALOG.length])('puts every check in exactly one of %i shards, in run order', (count) => {
    const shards = Array.from({ length: count }, (_, i) => shardChecks(CATALOG, { index: i + 1, count }));
    expect(
      shards
        .flat()
        .map((c) => c.id)
        .sort(),
    ).toStrictEqual(CATALOG.map((c) => c.id).sort());
    const sizes = shards.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (const s of shards)
      expect(s.map((c) => CATALOG.indexOf(c))).toStrictEqual(
        [...s.map((c) => CATALOG.indexOf(c))].sort((a, b) => a - b),
      );
  });

  it.each([
    [{ index: 0, count: 2 }, /the shard must be 1 to 2/],
    [{ index: 3, count: 2 }, /the shard must be 1 to 2/],
    [{ index: 1, count: 0 }, /the count of shards must be 1 to 64/],
    [{ index: 1, count: 25 }, /the run selects 24 checks, so at most 24 shards/],
  ])('refuses %j', (shard, message) => {
    expect(() => shardChecks(CATALOG, shard)).toThrow(expect.objectContaining(E_SHARD(message)) as Error);
  });
});

describe('joinShards', () => {
  const run = fixtureRun();
  const whole = {
    checks: run.checks,
    rootCauses: rootCausesOf(run.checks, classesOf),
    summary: summarize(run.checks, run.options.strict, rootCausesOf(run.checks, classesOf).length),
  };

  it.each([1, 2, 3])('joins %i shards into the run: checks in order, summary and root causes across shards', (n) => {
    const joined = joinShards(split(run, n).reverse());
    expect(joined.checks).toStrictEqual(whole.checks);
    expect(joined.rootCauses).toStrictEqual(whole.rootCauses);
    expect(joined.summary).toStrictEqual(whole.summary);
    expect(joined.options).toStrictEqual(run.options);
    expect(joined.startedAt).toBe(run.startedAt);
  });

  it('groups a bug seen in checks of two shards into one root cause again', () => {
    // The null-entry crash met in reply/record-format too (shard 2 of 2), as in robustness/null-entries (shard 1).
    const crash = run.checks.find((c) => c.id === 'robustness/null-entries');
    if (crash?.outcome !== 'fail') throw new Error('the fixture fails robustness/null-entries');
    const checks = run.checks.map((c) => (c.id === 'reply/record-format' ? { ...crash, id: c.id, title: c.title } : c));
    const shards = split({ ...run, checks }, 2);
    const [first, second] = shards.map((s) =>
      s.run.rootCauses.find((r) => r.signature === crash.failures[0].signature),
    );
    expect(first?.checks).toStrictEqual(['robustness/null-entries']);
    expect(second?.checks).toStrictEqual(['reply/record-format']);
    const joined = joinShards(shards).rootCauses.filter((r) => r.signature === crash.failures[0].signature);
    expect(joined).toHaveLength(1);
    expect(joined[0]?.checks).toStrictEqual(['reply/record-format', 'robustness/null-entries']);
    expect(joinShards(shards).rootCauses).toStrictEqual(rootCausesOf(checks, classesOf));
  });

  it('a shard is partial and never conformant on its own', () => {
    for (const s of split(run, 2)) expect(s.run.summary).toMatchObject({ partial: true, conformant: false });
  });

  const [one, two, three] = split(run, 3);
  if (!one || !two || !three) throw new Error('three shards');
  it.each([
    ['no report', [], /give the report.json of every shard/],
    ['a whole run', [{ file: 'whole/report.json', run }, one], /whole\/report\.json is a whole run, not a shard/],
    ['a missing shard', [one, three], /shard 2\/3 of the run is missing/],
    ['two missing shards', [two], /shards 1\/3, 3\/3 of the run are missing/],
    [
      'a shard twice',
      [one, two, { ...two, file: 'again/report.json' }, three],
      /shard 2\/3 is given twice: shard-2\/report\.json and again\/report\.json/,
    ],
    [
      'another seed',
      [one, { ...two, run: { ...two.run, options: { ...two.run.options, seed: 7 } } }, three],
      /shard-2\/report\.json and shard-1\/report\.json are shards of different runs \(the seed differs\)/,
    ],
    [
      'another target',
      [one, two, { ...three, run: { ...three.run, target: { ...three.run.target, handler: 'other.js' } } }],
      /are shards of different runs \(the target differs\)/,
    ],
    [
      'another count of shards',
      [one, two, { ...three, run: { ...three.run, options: { ...three.run.options, shard: { index: 3, count: 4 } } } }],
      /\(the count of shards differs\)/,
    ],
    [
      'a check twice',
      [
        one,
        { ...two, run: { ...two.run, checks: [...two.run.checks.slice(1), ...one.run.checks.slice(0, 1)] } },
        three,
      ],
      /check runtime\/style-supported is in shard 1\/3 and shard 2\/3/,
    ],
    [
      'a shard of another selection',
      [one, { ...two, run: { ...two.run, checks: two.run.checks.slice(1) } }, three],
      /shard-2\/report\.json holds \d+ checks, but shard 2\/3 of a run of \d+ checks holds \d+/,
    ],
  ])('refuses %s', (_what, shards, message) => {
    expect(() => joinShards(shards)).toThrow(expect.objectContaining(E_SHARD(message)) as Error);
  });
});
