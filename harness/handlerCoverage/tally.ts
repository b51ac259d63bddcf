/**
 * The handler's coverage over a run: takes from its isolates (`Invoker.coverage`) add up here, file by file, into
 * what the report shows. Takes are untrusted (the handler shares the isolate that measured them): a path outside
 * the handler's files is dropped, and a file is read from disk by the tool, never taken from the take.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type ts from 'typescript';
import type { FileCoverage } from '../../runtime/invoker.ts';
import { inScope, type CoverageScope } from '../../runtime/node/coverageData.ts';
import type { FileCoverageReport, HandlerCoverage } from '../result.ts';
import { askSourceWorker } from '../toolWorker.ts';
import { probesOf, type Probes } from './probes.ts';
import { reachedAt, unreachedSpans } from './reached.ts';

/** The largest file measured, and the largest whose text goes into the report. */
const MAX_SOURCE_CHARS = 4 * 1024 * 1024;
const MAX_SHOWN_CHARS = 512 * 1024;

interface Measured {
  readonly path: string;
  readonly source: string;
  readonly probes: Probes;
  readonly lines: Uint8Array;
  readonly branches: Uint8Array;
}

/** What one check's cases reached, counted. */
export interface Reached {
  readonly lines: number;
  readonly branches: number;
}

/** Adds up a run's coverage takes. */
export class CoverageTally {
  private readonly files = new Map<string, Measured | { readonly skipped: string }>();
  private ts: typeof ts | undefined;

  /**
   * @param scope - the handler's files
   * @param cwd - what report paths are relative to
   */
  constructor(
    private readonly scope: CoverageScope,
    private readonly cwd: string,
  ) {}

  /**
   * Adds takes, and counts what they reached.
   * @param takes - one check's takes (or any others: discovery's)
   */
  async add(takes: readonly (readonly FileCoverage[])[]): Promise<Reached> {
    const seen = new Map<Measured, { lines: Uint8Array; branches: Uint8Array }>();
    for (const take of takes) {
      for (const f of take) {
        const m = await this.file(f.path);
        if (!m) continue;
        let mine = seen.get(m);
        if (!mine)
          seen.set(m, (mine = { lines: new Uint8Array(m.lines.length), branches: new Uint8Array(m.branches.length) }));
        m.probes.lines.forEach((p, i) => {
          if (reachedAt(f.ranges, p.offset)) mine.lines[i] = m.lines[i] = 1;
        });
        m.probes.branches.forEach((p, i) => {
          if (reachedAt(f.ranges, p.offset)) mine.branches[i] = m.branches[i] = 1;
        });
      }
    }
    let lines = 0;
    let branches = 0;
    for (const mine of seen.values()) {
      lines += mine.lines.reduce((a, b) => a + b, 0);
      branches += mine.branches.reduce((a, b) => a + b, 0);
    }
    return { lines, branches };
  }

  /** The coverage so far. */
  report(): HandlerCoverage {
    const files: FileCoverageReport[] = [];
    const skipped: { path: string; reason: string }[] = [];
    for (const [path, m] of this.files) {
      if ('skipped' in m) {
        skipped.push({ path: this.shown(path), reason: m.skipped });
        continue;
      }
      const lines = m.probes.lines.map((p, i) => ({ line: p.line, reached: m.lines[i] === 1 }));
      const unreachedBranches = m.probes.branches.filter((_, i) => m.branches[i] !== 1).map((p) => p.line);
      files.push({
        path: this.shown(path),
        lines: { total: lines.length, reached: lines.filter((l) => l.reached).length },
        branches: { total: m.branches.length, reached: m.branches.length - unreachedBranches.length },
        unreachedLines: unreachedSpans(lines),
        unreachedBranches: unreachedBranches.sort((a, b) => a - b),
        reachedLines: lines.filter((l) => l.reached).map((l) => l.line),
        ...(m.source.length <= MAX_SHOWN_CHARS ? { source: m.source } : {}),
      });
    }
    files.sort((a, b) => a.path.localeCompare(b.path));
    const sum = (k: 'lines' | 'branches'): { total: number; reached: number } => ({
      total: files.reduce((a, f) => a + f[k].total, 0),
      reached: files.reduce((a, f) => a + f[k].reached, 0),
    });
    return { measured: true, lines: sum('lines'), branches: sum('branches'), files, skipped };
  }

  private shown(path: string): string {
    const rel = relative(this.cwd, path);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  }

  /** The file's measuring state, made on first sight; undefined for a path that is not the handler's. */
  private async file(path: string): Promise<Measured | undefined> {
    if (!isAbsolute(path) || !inScope(path, this.scope)) return undefined;
    const known = this.files.get(path);
    if (known) return 'skipped' in known ? undefined : known;
    const made = await this.measure(path);
    this.files.set(path, made);
    return 'skipped' in made ? undefined : made;
  }

  private async measure(path: string): Promise<Measured | { readonly skipped: string }> {
    let source: string;
    try {
      source = readFileSync(path, 'utf8');
    } catch {
      return { skipped: 'unreadable' };
    }
    if (source.length > MAX_SOURCE_CHARS) return { skipped: 'larger than 4 MiB' };
    const probes = await askSourceWorker({ kind: 'probes', fileName: path, text: source }).catch(async () => {
      this.ts ??= (await import('../typescript.ts')).ts;
      return probesOf(this.ts, path, source);
    });
    return {
      path,
      source,
      probes,
      lines: new Uint8Array(probes.lines.length),
      branches: new Uint8Array(probes.branches.length),
    };
  }
}
