/**
 * The handler's coverage as it crosses from the host to the tool (see `coverage.ts`): its shape, which files count
 * as the handler's, and the check of what a host sends, which is untrusted.
 */
import { sep } from 'node:path';

/** Which files count as the handler's: under `root`, outside every `node_modules` and every `exclude` folder. */
export interface CoverageScope {
  /** Absolute folder of the handler's project. */
  readonly root: string;
  /** Absolute folders left out (the tool's own package when the handler sits beside it). */
  readonly exclude: readonly string[];
}

/** One file's coverage since the last take: V8's ranges flattened as `start, end, reached (0|1)` triples. */
export interface FileCoverage {
  /** Absolute path. */
  readonly path: string;
  /** UTF-16 offsets into the script V8 ran; nested ranges override the ranges around them. */
  readonly ranges: readonly number[];
}

const under = (path: string, folder: string): boolean => path === folder || path.startsWith(folder + sep);

/**
 * True when `path` is one of the handler's files under `scope`.
 * @param path - an absolute path
 * @param scope - the handler's project and what is left out
 */
export function inScope(path: string, scope: CoverageScope): boolean {
  return (
    under(path, scope.root) &&
    !path.split(sep).includes('node_modules') &&
    !scope.exclude.some((folder) => under(path, folder))
  );
}

/** The most files, and range numbers in all, the tool accepts from one take. */
const MAX_FILES = 512;
const MAX_NUMBERS = 3_000_000;

/**
 * Coverage files from a host, rebuilt field by field; undefined when malformed or too large.
 * @param v - untrusted data
 */
export function parseCoverageFiles(v: unknown): FileCoverage[] | undefined {
  if (!Array.isArray(v) || v.length > MAX_FILES) return undefined;
  const files: FileCoverage[] = [];
  let numbers = 0;
  for (const f of v as unknown[]) {
    if (typeof f !== 'object' || f === null) return undefined;
    const { path, ranges } = f as Record<string, unknown>;
    if (typeof path !== 'string' || path.length > 4096 || !Array.isArray(ranges) || ranges.length % 3) return undefined;
    numbers += ranges.length;
    if (numbers > MAX_NUMBERS) return undefined;
    const ok = (ranges as unknown[]).every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0);
    if (!ok) return undefined;
    files.push({ path, ranges: ranges as number[] });
  }
  return files;
}
