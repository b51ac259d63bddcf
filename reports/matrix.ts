/**
 * The matrix of several runs × checks (handlers, versions or runtime profiles side by side), as data: what
 * `matrix.json` holds and what the matrix page draws.
 */
import type { CheckOutcome, RunResult, RunSummary } from '../harness/index.ts';
import { troubleText, verdictOf, type RunVerdict } from './format.ts';

/** The version of the `matrix.json` shape. */
const MATRIX_SCHEMA_VERSION = 1;

/** One run, as a column of the matrix. */
export interface MatrixRun {
  /** A label that tells this run apart from the others on the page. */
  readonly label: string;
  readonly handler: string;
  readonly runtime?: string;
  readonly toolVersion: string;
  readonly startedAt: string;
  readonly seed: number;
  readonly verdict: RunVerdict;
  readonly summary: RunSummary;
  /** Where the run's own report came from (a `report.json` path), when merged from files. */
  readonly source?: string;
  /** Relative link to the run's own HTML report, when one sits next to its `report.json`. */
  readonly link?: string;
}

/** One check, as a row: its outcome in each run, or null where the run did not include it. */
interface MatrixCheck {
  readonly id: string;
  readonly title: string;
  readonly level: 'must' | 'should';
  readonly outcomes: readonly (CheckOutcome | null)[];
  /** Per run, why the check did not pass (first message, harness error or skip reason), for tooltips. */
  readonly notes: readonly (string | null)[];
}

/** `matrix.json`. */
export interface Matrix {
  readonly schemaVersion: typeof MATRIX_SCHEMA_VERSION;
  readonly runs: readonly MatrixRun[];
  readonly checks: readonly MatrixCheck[];
}

/** Per-run extras `mergeReports` knows and a caller may pass. */
export interface MatrixOptions {
  /** Column labels, by run index. @defaultValue handler and runtime, made unique with the tool version or a number */
  readonly labels?: readonly (string | undefined)[];
  /** Links to each run's own HTML report, by run index. */
  readonly links?: readonly (string | undefined)[];
  /** Where each run came from, by run index. */
  readonly sources?: readonly (string | undefined)[];
}

/** Labels that tell runs apart: handler and runtime, then the tool version, then a number. */
function defaultLabels(runs: readonly RunResult[]): string[] {
  const base = runs.map((r) => [r.target.handler, r.target.runtime].filter(Boolean).join(' · '));
  const unique = (ls: string[]): boolean => new Set(ls).size === ls.length;
  if (unique(base)) return base;
  const versioned = base.map((l, i) => `${l} · v${runs[i]?.tool.version ?? ''}`);
  return unique(versioned) ? versioned : versioned.map((l, i) => `${l} #${i + 1}`);
}

const noteOf = (c: RunResult['checks'][number]): string | null =>
  c.outcome === 'fail' ? (c.failures[0].counterexample.messages[0] ?? c.failures[0].title) : (troubleText(c) ?? null);

/**
 * Builds the matrix of several runs.
 * @param runs - the runs, one column each
 * @param options - labels, links and sources per run
 */
export function buildMatrix(runs: readonly RunResult[], options: MatrixOptions = {}): Matrix {
  const labels = defaultLabels(runs);
  const rows = new Map<string, { id: string; title: string; level: 'must' | 'should' }>();
  for (const r of runs) for (const c of r.checks) if (!rows.has(c.id)) rows.set(c.id, c);
  const checks = [...rows.values()].map(({ id, title, level }) => {
    const results = runs.map((r) => r.checks.find((c) => c.id === id));
    return {
      id,
      title,
      level,
      outcomes: results.map((c) => c?.outcome ?? null),
      notes: results.map((c) => (c ? noteOf(c) : null)),
    };
  });
  return {
    schemaVersion: MATRIX_SCHEMA_VERSION,
    runs: runs.map((r, i) => {
      const link = options.links?.[i];
      const source = options.sources?.[i];
      return {
        label: options.labels?.[i] ?? labels[i] ?? `run ${i + 1}`,
        handler: r.target.handler,
        ...(r.target.runtime ? { runtime: r.target.runtime } : {}),
        toolVersion: r.tool.version,
        startedAt: r.startedAt,
        seed: r.options.seed,
        verdict: verdictOf(r),
        summary: r.summary,
        ...(source !== undefined ? { source } : {}),
        ...(link !== undefined ? { link } : {}),
      };
    }),
    checks,
  };
}
