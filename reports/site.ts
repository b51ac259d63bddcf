/**
 * Where a failure points in the user's code, for the reports that place it on a line (SARIF for code scanning, the
 * GitHub annotations): the handler's own top frame when it threw, else the handler module itself. Paths are given
 * relative to a source root (the repository), as code scanning and annotations want them.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Counterexample, RunResult } from '../harness/index.ts';
import { handlerFrameLocation } from './stack.ts';

/** A place in the user's files. */
export interface FailureSite {
  /** Relative to the source root with `/` separators when inside it, else absolute. */
  readonly file: string;
  /** 1-based; absent when only the file is known (a reply judged wrong has no line of its own). */
  readonly line?: number;
  readonly column?: number;
}

/**
 * The folder paths are given relative to: the GitHub workspace (the repository) in a GitHub Actions job, so that a
 * run started in a subfolder still points code scanning at the right file, else the working directory.
 * @param env - the environment @defaultValue `process.env`
 */
export function sourceRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.GITHUB_WORKSPACE || process.cwd();
}

/**
 * A path as the source root sees it.
 * @param file - absolute, or relative to the working directory
 * @param root - the source root
 */
function siteFile(file: string, root: string): string {
  const abs = resolve(file);
  const rel = relative(root, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : abs;
}

/** The module file of a module target (`./handler.js#main` → `./handler.js`). */
function moduleFile(run: RunResult): string | undefined {
  if (run.target.kind !== 'module') return undefined;
  const spec = run.target.handler;
  const i = spec.lastIndexOf('#');
  const file = i < 0 ? spec : spec.slice(0, i);
  return file.trim() ? file : undefined;
}

/**
 * Where one failure points: the handler's own frame where it threw (in any invocation of the case), else the
 * handler module (no line), else nowhere (a command or a deployed function whose errors name no file).
 * @param run - the run, for its target
 * @param cx - a failure's counterexample
 * @param root - the source root @defaultValue {@link sourceRoot}
 */
export function failureSite(run: RunResult, cx: Counterexample, root: string = sourceRoot()): FailureSite | undefined {
  for (const inv of cx.invocations) {
    if (inv.kind !== 'threw') continue;
    const at = handlerFrameLocation(inv.error.trace);
    if (at) return { file: siteFile(at.file, root), line: at.line, column: at.column };
  }
  const file = moduleFile(run);
  return file === undefined ? undefined : { file: siteFile(file, root) };
}
