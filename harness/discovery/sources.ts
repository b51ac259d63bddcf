/**
 * The files whose source says what a handler looks at: a module and the project files it imports (relative
 * imports, followed a few levels, never into `node_modules`), or the program files a command names when they are
 * text. Read here, harvested by `harvest.ts`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { ts } from '../typescript.ts';
import { shellWords } from '../../runtime/command/program.ts';
import { harvestSource, scanLiterals, type Harvest } from './harvest.ts';

/** The most files read for one handler, and the largest read. */
const MAX_FILES = 40;
const MAX_BYTES = 1024 * 1024;
const JS_LIKE = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.jsx', '.tsx'];

/** Text of a file small enough and not binary (no NUL in its first 8 KB), or undefined. */
function textFile(path: string): string | undefined {
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > MAX_BYTES) return undefined;
    const buf = readFileSync(path);
    if (buf.subarray(0, 8192).includes(0)) return undefined;
    return buf.toString('utf8');
  } catch {
    return undefined;
  }
}

/** A relative import resolved as Node and TypeScript would look for it, or undefined. */
function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  const tries = [
    base,
    ...JS_LIKE.map((e) => base + e),
    // TypeScript's `./x.js` for `./x.ts`
    ...(extname(base) === '.js' ? [base.slice(0, -3) + '.ts'] : []),
    ...JS_LIKE.map((e) => join(base, `index${e}`)),
  ];
  return tries.find((p) => existsSync(p) && statSync(p).isFile());
}

/**
 * Harvests a handler module and the project files it imports.
 * @param modulePath - the handler module (absolute)
 * @param cwd - paths in `at` are relative to this
 */
export function harvestModule(modulePath: string, cwd = process.cwd()): Harvest[] {
  const seen = new Set<string>();
  const queue = [modulePath];
  const out: Harvest[] = [];
  while (queue.length && seen.size < MAX_FILES) {
    const file = queue.shift() ?? '';
    if (seen.has(file) || /[/\\]node_modules[/\\]/.test(file)) continue;
    seen.add(file);
    const text = textFile(file);
    if (text === undefined) continue;
    out.push(harvestSource(relative(cwd, file) || file, text));
    for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const next = resolveImport(file, ref.fileName);
      if (next && !seen.has(next)) queue.push(next);
    }
  }
  return out;
}

/**
 * Harvests the text files a command line names (`python3 handler.py` → `handler.py`).
 * @param words - the command split into words
 * @param cwd - where the command runs
 */
export function harvestCommand(words: readonly string[], cwd = process.cwd()): Harvest[] {
  const out: Harvest[] = [];
  for (const word of words.slice(0, 32)) {
    const path = isAbsolute(word) ? word : resolve(cwd, word);
    const text = textFile(path);
    if (text === undefined) continue;
    const name = relative(cwd, path) || path;
    if (JS_LIKE.includes(extname(path))) {
      out.push(...harvestModule(path, cwd));
    } else out.push(scanLiterals(name, text));
  }
  return out;
}

/** The sources of a target: a module, or a command line. */
export type HarvestTarget =
  | { readonly kind: 'module'; readonly modulePath: string }
  | { readonly kind: 'command'; readonly command: string }
  | { readonly kind: 'lambda' };

/**
 * Harvests a target's sources (a deployed Lambda has none here).
 * @param t - the target
 * @param cwd - where relative paths start
 */
export function harvestTarget(t: HarvestTarget, cwd = process.cwd()): Harvest[] {
  if (t.kind === 'module') return harvestModule(t.modulePath, cwd);
  if (t.kind === 'command') return harvestCommand(shellWords(t.command), cwd);
  return [];
}
