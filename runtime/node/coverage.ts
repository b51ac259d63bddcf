/**
 * The handler's own code coverage, measured where the handler runs: the host opens an inspector session on its
 * own isolate (`Session.connect()`) and asks V8 for precise block coverage (`callCount: true`, `detailed: true`:
 * each block's count since the last take, of which the tool keeps only reached or not). Not the cheaper binary mode
 * (`callCount: false`): there V8 reports a function once, and a block of it first reached after that take is never
 * reported, so every check after the first lost the branches it reached.
 *
 * Why this and not `NODE_V8_COVERAGE`: that writes files only when the process exits cleanly, and a worker
 * terminated at a deadline or a sandbox killed for its memory writes none; the session is asked after each
 * check instead, so a lost isolate loses only what it ran since.
 *
 * What it opens: `connect()` attaches to the calling thread's isolate and nothing else (in a worker, the worker's
 * isolate; the sandbox's relay and the tool are reached only by `connectToMainThread`, which is never called). A
 * handler can open the same session itself with `require('node:inspector')`, so this gives it nothing it did not
 * have. It can lie about its coverage (it shares the isolate), so what comes back is checked for shape and size
 * like its reply, and its paths are checked again by the tool (`harness/handlerCoverage/`).
 */
import { Session } from 'node:inspector';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inScope, type CoverageScope, type FileCoverage } from './coverageData.ts';
import { offsetMap, type OffsetMap } from './coverageMap.ts';

/** A script's path from its V8 url (`file://` for ES modules and imported CommonJS, a plain path for required). */
function pathOf(url: string): string | undefined {
  if (url.startsWith('file://')) {
    try {
      return fileURLToPath(url);
    } catch {
      return undefined;
    }
  }
  return url.startsWith(sep) ? url : undefined;
}

interface V8Coverage {
  readonly result: readonly {
    readonly scriptId: string;
    readonly url: string;
    readonly functions: readonly {
      readonly ranges: readonly { startOffset: number; endOffset: number; count: number }[];
    }[];
  }[];
}

/**
 * Starts precise coverage of this isolate. Call before the handler loads: functions compiled earlier are not
 * counted block by block.
 * @param scope - the handler's files
 * @returns a `take` that returns the coverage of the handler's files since the last take (V8 resets its counters
 *   on each take), or undefined when the inspector is not available (a Node built without it)
 */
export function startCoverage(scope: CoverageScope): (() => FileCoverage[]) | undefined {
  const session = new Session();
  // Bound now, before the handler can replace the prototype's.
  const post = Session.prototype.post.bind(session) as (method: string, ...rest: unknown[]) => void;
  try {
    session.connect();
  } catch {
    return undefined;
  }
  // A session on its own thread answers synchronously.
  const call = (method: string, params?: object): unknown => {
    let out: unknown;
    let failure: unknown;
    post(method, params ?? {}, (err: unknown, res: unknown) => {
      failure = err;
      out = res;
    });
    if (failure) throw failure instanceof Error ? failure : new Error(`inspector: ${method} failed`);
    return out;
  };
  try {
    call('Profiler.enable');
    call('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  } catch {
    return undefined;
  }
  /** Per script, how its offsets go back to its file's: `null` when they are the file's already. */
  const maps = new Map<string, OffsetMap | null>();
  const mapOf = (scriptId: string, path: string): OffsetMap | null => {
    let map = maps.get(scriptId);
    if (map !== undefined) return map;
    // The debugger is on only while the text is read: with it on, a `debugger;` statement would stop the handler.
    try {
      call('Debugger.enable');
      const { scriptSource } = call('Debugger.getScriptSource', { scriptId }) as { scriptSource: string };
      map = offsetMap(scriptSource, path) ?? null;
    } catch {
      map = () => undefined;
    } finally {
      call('Debugger.disable');
    }
    maps.set(scriptId, map);
    return map;
  };
  return () => {
    const files: FileCoverage[] = [];
    for (const script of (call('Profiler.takePreciseCoverage') as V8Coverage).result) {
      const path = pathOf(script.url);
      if (path === undefined || !inScope(path, scope)) continue;
      const map = mapOf(script.scriptId, path);
      const ranges: number[] = [];
      for (const fn of script.functions)
        for (const r of fn.ranges) {
          if (!map) {
            ranges.push(r.startOffset, r.endOffset, r.count > 0 ? 1 : 0);
            continue;
          }
          // The script's own range (from 0) is the whole file; a range whose ends map nowhere (the loader's own
          // helpers) is left out, and one whose end maps before its start too.
          const start = r.startOffset === 0 ? 0 : map(r.startOffset);
          const end = r.startOffset === 0 ? Number.MAX_SAFE_INTEGER : map(r.endOffset);
          if (start !== undefined && end !== undefined && end > start) ranges.push(start, end, r.count > 0 ? 1 : 0);
        }
      files.push({ path, ranges });
    }
    return files;
  };
}
