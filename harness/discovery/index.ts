/**
 * Discovery: what the handler looks at, found before the checks run so that their events carry it. Three sources,
 * merged: the handler's source (`harvest.ts`: literals and property names it uses on its records, dataset names
 * it compares), what it looks up (a few seeded invocations whose records report the absent keys the handler asks
 * for, fed back round by round), and what the user declares (`keys`, `datasetNames`). Deterministic for a handler,
 * whatever the run's seed, so a replay discovers the same and draws the same case.
 */
import { resolve } from 'node:path';
import fc from 'fast-check';
import { syncCase } from '../../generators/index.ts';
import { HANDLER_DEADLINE_MS } from '../../model/index.ts';
import type { Invoker } from '../../runtime/invoker.ts';
import { askSourceWorker } from '../toolWorker.ts';
import { subSeed } from '../seeds.ts';
import type { HandlerCoverage } from '../result.ts';
import type { Candidate, Harvest } from './harvest.ts';
import type { HarvestTarget } from './sources.ts';

/** Where a name came from. */
type DiscoverySource = 'source' | 'lookup' | 'config';

/** One discovered name. */
interface DiscoveredName {
  readonly value: string;
  readonly source: DiscoverySource;
  /** `file:line` for a name found in the source. */
  readonly at?: string;
  /**
   * Found on or just before code no case had reached once discovery was done (the handler's coverage, where it is
   * measured): the generators draw it more often, to steer the run towards the unexplored branches.
   */
  readonly nearUnreached?: boolean;
}

/** What discovery found. */
export interface Discovery {
  readonly keys: readonly DiscoveredName[];
  readonly datasetNames: readonly DiscoveredName[];
}

/** What discovery needs to know of the run. */
export interface DiscoveryInput {
  readonly target: HarvestTarget;
  /** Declared by the user: always in, first. */
  readonly keys?: readonly string[];
  readonly datasetNames?: readonly string[];
  /** The one dataset name every event carries (`--dataset-name`): the lookups' events carry it too. */
  readonly datasetName?: string;
  /** Off: only what the user declares. */
  readonly enabled: boolean;
}

/** The most keys and dataset names handed to the generators (sure ones first). */
const MAX_KEYS = 48;
const MAX_DATASET_NAMES = 16;
/** Rounds of lookups, and invocations per round. */
const ROUNDS = 3;
const PER_ROUND = 12;
/** The most time the lookups take: a slow handler (a database call per event) gets fewer of them, never minutes. */
const LOOKUP_BUDGET_MS = 3000;
/**
 * The seed of the lookup invocations: fixed, so that discovery depends on the handler alone and a replay of any
 * run finds the same names (and so draws the same case from the same seed and path).
 */
const DISCOVERY_SEED = 0x5eed;

const byScore = (a: Candidate, b: Candidate): number => b.score - a.score;

function merge(harvests: readonly Harvest[]): { keys: Candidate[]; names: Candidate[] } {
  const keys = new Map<string, Candidate>();
  const names = new Map<string, Candidate>();
  for (const h of harvests) {
    for (const k of h.keys) if ((keys.get(k.value)?.score ?? -1) < k.score) keys.set(k.value, k);
    for (const n of h.datasetNames) if (!names.has(n.value)) names.set(n.value, n);
  }
  return { keys: [...keys.values()].sort(byScore), names: [...names.values()] };
}

/**
 * The record keys an invoker's handler looks up on a few seeded events that carry what is known so far (and the
 * pinned dataset name, when there is one: the handler never sees another).
 */
async function lookups(
  invoker: Invoker,
  known: readonly string[],
  datasetNames: readonly string[],
  pinned: string | undefined,
): Promise<string[]> {
  const found: string[] = [];
  const probe = invoker.discover?.bind(invoker);
  if (!probe) return found;
  const until = Date.now() + LOOKUP_BUDGET_MS;
  for (let round = 0; round < ROUNDS && Date.now() < until; round++) {
    const keys = [...known, ...found].slice(0, MAX_KEYS);
    const arb = syncCase({
      size: 'small',
      defaultReadings: true,
      ...(keys.length ? { keys } : {}),
      ...(datasetNames.length ? { datasetNames } : {}),
      ...(pinned !== undefined ? { datasetName: pinned } : {}),
    });
    let fresh = 0;
    for (const c of fc.sample(arb, {
      seed: subSeed(DISCOVERY_SEED, `discovery/${String(round)}`),
      numRuns: PER_ROUND,
    })) {
      // Never past the budget: a handler that hangs on this event is stopped at its end, not at the 5 s deadline.
      const { outcome, lookups: seen } = await probe(c.event, {
        deadlineMs: Math.max(1, Math.min(HANDLER_DEADLINE_MS, until - Date.now())),
      });
      for (const k of seen)
        if (!known.includes(k) && !found.includes(k)) {
          found.push(k);
          fresh++;
        }
      // A handler that hangs costs a deadline per invocation, a slow one seconds: discovery is not worth that.
      if (outcome.kind === 'timed-out' || Date.now() >= until) return found;
    }
    if (fresh === 0) break;
  }
  return found;
}

/**
 * Starts harvesting the handler's sources in the tool's source worker, so that the TypeScript compiler (most of a
 * second to load, once per process) loads and parses while the lanes start. In the main thread when the worker
 * cannot run.
 * @param input - the target, and whether discovery runs at all
 */
export function startHarvest(input: Pick<DiscoveryInput, 'enabled' | 'target'>): Promise<Harvest[]> {
  if (!input.enabled || input.target.kind === 'lambda') return Promise.resolve([]);
  const target = input.target;
  return askSourceWorker({ kind: 'harvest', target, cwd: process.cwd() }).catch(async () =>
    (await import('./sources.ts')).harvestTarget(target),
  );
}

/**
 * Discovers what the handler looks at.
 * @param input - the target, the seed, what the user declares, whether to look
 * @param invoker - a started invoker of the target, for the lookups (local modules only)
 * @param harvested - the harvest of its sources, when started earlier (`startHarvest`)
 */
export async function discover(
  input: DiscoveryInput,
  invoker?: Invoker,
  harvested: Promise<Harvest[]> = startHarvest(input),
): Promise<Discovery> {
  const declaredKeys: DiscoveredName[] = (input.keys ?? []).map((value) => ({ value, source: 'config' }));
  const declaredNames: DiscoveredName[] = (input.datasetNames ?? []).map((value) => ({ value, source: 'config' }));
  if (!input.enabled) return { keys: declaredKeys, datasetNames: declaredNames };
  const { keys, names } = merge(await harvested);
  const taken = new Set(declaredKeys.map((k) => k.value));
  const fromSource: DiscoveredName[] = keys
    .filter((k) => !taken.has(k.value))
    .map((k) => ({ value: k.value, source: 'source', at: k.at }));
  const datasetNames = [
    ...declaredNames,
    ...names
      .filter((n) => !declaredNames.some((d) => d.value === n.value))
      .map((n): DiscoveredName => ({ value: n.value, source: 'source', at: n.at })),
  ].slice(0, MAX_DATASET_NAMES);
  const known = [...declaredKeys, ...fromSource].map((k) => k.value);
  const looked = invoker
    ? await lookups(
        invoker,
        known,
        datasetNames.map((n) => n.value),
        input.datasetName,
      )
    : [];
  // Sure first: declared, looked up, then the source's in order of certainty. A looked-up name keeps the place the
  // source has it at, where steering needs it.
  const atOf = new Map(fromSource.map((k) => [k.value, k.at]));
  const all: DiscoveredName[] = [
    ...declaredKeys,
    ...looked.map((value): DiscoveredName => {
      const at = atOf.get(value);
      return { value, source: 'lookup', ...(at !== undefined ? { at } : {}) };
    }),
    ...fromSource.filter((k) => !looked.includes(k.value)),
  ];
  return { keys: all.slice(0, MAX_KEYS), datasetNames };
}

/** How far before an unreached line or branch arm a name may be to count as near it (the condition above a block). */
const NEAR_LINES = 2;

/**
 * Coverage-guided steering: marks the names found in the source on or just before code no case has reached (lines
 * in an unreached span, or the arm of a branch never taken), so that the generators spend part of the budget on
 * them. A name the user declared, or one with no place in the source, is never marked.
 * @param discovery - what discovery found
 * @param coverage - the handler's coverage so far
 * @param cwd - what the places of both are relative to
 */
export function steer(discovery: Discovery, coverage: HandlerCoverage, cwd: string): Discovery {
  if (!coverage.measured) return discovery;
  const files = new Map(coverage.files.map((f) => [resolve(cwd, f.path), f]));
  const near = (at: string | undefined): boolean => {
    const m = at === undefined ? null : /^(.*):(\d+)$/.exec(at);
    const f = m ? files.get(resolve(cwd, m[1] ?? '')) : undefined;
    if (!m || !f) return false;
    const line = Number(m[2]);
    const close = (first: number, last: number): boolean => line >= first - NEAR_LINES && line <= last;
    return f.unreachedLines.some(([a, b]) => close(a, b)) || f.unreachedBranches.some((b) => close(b, b));
  };
  const mark = (n: DiscoveredName): DiscoveredName =>
    n.source !== 'config' && near(n.at) ? { ...n, nearUnreached: true } : n;
  return { keys: discovery.keys.map(mark), datasetNames: discovery.datasetNames.map(mark) };
}
