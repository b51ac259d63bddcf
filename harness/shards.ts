/**
 * Shards: one run's checks split over several machines, and joined again. A shard runs a deterministic share of the
 * selected checks, each whole, with its usual sub-seed (root seed and check id, `seeds.ts`), so the shards of one
 * run hold exactly the check results the unsharded run would, and joining them gives its verdict, summary and root
 * causes. The share is round robin over the selected checks in their run order (catalog order, user properties
 * last): check i goes to shard (i mod n) + 1. It keeps the shards within one check of each other in size and
 * spreads the slow checks of a topic (the 1,024-record and 1 MB ones sit side by side in the catalog) over them.
 *
 * What a shard cannot see: the hangs another shard found (`knownHangs.ts`), which shorten the search of later
 * checks in one run. For a handler that hangs, a shard may search longer than the unsharded run; its findings stay
 * those of the same sub-seeds.
 */
import { checkById } from '../suites/catalog.ts';
import { HarnessError } from '../runtime/errors.ts';
import { MAX_SHARDS, type Shard } from './runDefaults.ts';
import { summarize, type CheckResult, type RunResult } from './result.ts';
import { rootCausesOf } from './rootCauses.ts';

export type { Shard } from './runDefaults.ts';

/**
 * Checks a shard of a run of `selected` checks: its index within 1..count, and at least one check for each shard.
 * @param shard - the shard
 * @param selected - how many checks the whole run selects
 * @throws HarnessError `E_SHARD` saying what to give instead
 */
function checkShard(shard: Shard, selected: number): void {
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1 || count > MAX_SHARDS)
    throw new HarnessError('E_SHARD', `--shard ${index}/${count}: the count of shards must be 1 to ${MAX_SHARDS}`);
  if (!Number.isInteger(index) || index < 1 || index > count)
    throw new HarnessError(
      'E_SHARD',
      `--shard ${index}/${count}: the shard must be 1 to ${count} (shards count from 1: --shard 1/${count} … ${count}/${count})`,
    );
  if (count > selected)
    throw new HarnessError(
      'E_SHARD',
      `--shard ${index}/${count}: the run selects ${selected} check${selected === 1 ? '' : 's'}, so at most ${selected} shard${selected === 1 ? '' : 's'} can each run one`,
    );
}

/**
 * The checks of one shard: round robin over the run's selected checks, in their order.
 * @param checks - every check the whole run selects, in run order
 * @param shard - which shard
 * @throws HarnessError `E_SHARD` for a shard out of range, or more shards than checks
 */
export function shardChecks<T>(checks: readonly T[], shard: Shard): T[] {
  checkShard(shard, checks.length);
  return checks.filter((_, i) => i % shard.count === shard.index - 1);
}

/** A shard's report and the file it came from, for messages. */
export interface ShardReport {
  readonly run: RunResult;
  readonly file: string;
}

const shardError = (message: string): HarnessError => new HarnessError('E_SHARD', message);

/** What must be equal in every shard of one run, named for the message when it is not. */
const SAME_RUN: readonly [string, (r: RunResult) => unknown][] = [
  ['the tool version', (r) => r.tool.version],
  ['the target', (r) => [r.target.kind, r.target.handler]],
  ['the runtime profile', (r) => r.target.runtime],
  ['the seed', (r) => r.options.seed],
  ['the runs per check', (r) => r.options.runs],
  ['--strict', (r) => r.options.strict],
  ['--checks', (r) => r.options.checks ?? []],
  ['--exclude', (r) => r.options.exclude ?? []],
  ['the config', (r) => r.options.config],
  ['the readings', (r) => r.readings],
  ['the count of shards', (r) => r.options.shard?.count],
];

/** Equal as JSON (plain data: arrays and records in a stable order). */
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Joins the shards of one run into the run they are parts of: its checks in run order, the summary and verdict
 * recomputed over all of them, the root causes grouped again across shards (a bug seen in checks of two shards is
 * one root cause). Strict about its input, because a verdict joined from the wrong files is worse than an error.
 * @param shards - the report of every shard of one run, in any order
 * @returns the run, as the unsharded run with the same seed reports it (times aside)
 * @throws HarnessError `E_SHARD` when a report is not a shard, shards are of different runs, one is missing or
 *   given twice, or a check is in two of them
 */
export function joinShards(shards: readonly ShardReport[]): RunResult {
  const [first] = shards;
  if (!first) throw shardError('give the report.json of every shard of the run');
  const notShard = shards.find((s) => s.run.options.shard === undefined);
  if (notShard)
    throw shardError(
      `${notShard.file} is a whole run, not a shard: give only the shards of one run (run --shard i/n), or only whole runs to merge into a matrix`,
    );
  for (const s of shards) {
    const differs = SAME_RUN.find(([, of]) => !same(of(s.run), of(first.run)));
    if (differs)
      throw shardError(
        `${s.file} and ${first.file} are shards of different runs (${differs[0]} differs): join the shards of one run, each run with the same options and --seed`,
      );
  }
  const count = first.run.options.shard?.count ?? 1;
  const byIndex = new Map<number, ShardReport>();
  for (const s of shards) {
    const index = s.run.options.shard?.index ?? 0;
    const twice = byIndex.get(index);
    if (twice) throw shardError(`shard ${index}/${count} is given twice: ${twice.file} and ${s.file}`);
    byIndex.set(index, s);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length)
    throw shardError(
      `shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${count}`).join(', ')} of the run ${missing.length === 1 ? 'is' : 'are'} missing: a verdict needs every shard`,
    );
  const ordered = Array.from({ length: count }, (_, i) => byIndex.get(i + 1) as ShardReport);
  const seen = new Map<string, number>();
  for (const [i, s] of ordered.entries())
    for (const c of s.run.checks) {
      const other = seen.get(c.id);
      if (other !== undefined)
        throw shardError(`check ${c.id} is in shard ${other}/${count} and shard ${i + 1}/${count}`);
      seen.set(c.id, i + 1);
    }
  const checks = interleave(ordered);
  const rootCauses = rootCausesOf(checks, (id) => checkById(id)?.classes ?? []);
  const starts = ordered.map((s) => Date.parse(s.run.startedAt));
  const start = Math.min(...starts);
  const end = Math.max(...ordered.map((s, i) => (starts[i] ?? start) + s.run.durationMs));
  const { shard: _shard, ...options } = first.run.options;
  const discovery = ordered.find((s) => s.run.discovery)?.run.discovery;
  return {
    ...first.run,
    options,
    startedAt: new Date(start).toISOString(),
    durationMs: end - start,
    summary: summarize(checks, options.strict, rootCauses.length),
    checks,
    rootCauses,
    ...(discovery ? { discovery } : {}),
  };
}

/**
 * The checks of the shards back in run order: the check at position p of the run is in shard (p mod n) + 1, at
 * position ⌊p / n⌋ there.
 * @throws HarnessError `E_SHARD` when a shard holds more or fewer checks than round robin gives it
 */
function interleave(ordered: readonly ShardReport[]): CheckResult[] {
  const n = ordered.length;
  const total = ordered.reduce((sum, s) => sum + s.run.checks.length, 0);
  for (const [i, s] of ordered.entries()) {
    const expected = Math.ceil((total - i) / n);
    if (s.run.checks.length !== expected)
      throw shardError(
        `${s.file} holds ${s.run.checks.length} checks, but shard ${i + 1}/${n} of a run of ${total} checks holds ${expected}: were the shards run with the same checks and config?`,
      );
  }
  return Array.from({ length: total }, (_, p) => ordered[p % n]?.run.checks[Math.floor(p / n)] as CheckResult);
}
