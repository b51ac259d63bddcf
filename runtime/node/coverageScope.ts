/**
 * Which files are the handler's, for its coverage: its project (the folder of the nearest `package.json` above
 * the module), minus `node_modules` and this tool's own package. A handler kept inside the tool's package (its
 * fixtures, its examples) is scoped to its own folder instead, and the tool's runtime never counts as the handler.
 */
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CoverageScope } from './coverageData.ts';

/** The folder of the nearest `package.json` at or above `dir`, or undefined. */
function packageRoot(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

const HERE = dirname(fileURLToPath(import.meta.url));
/** This tool's package folder (from source, or `dist/` once built: the same `package.json` above both). */
const TOOL_ROOT = packageRoot(HERE);
/** The tool's runtime (`runtime/`, or `dist/runtime/`): everything the host loads beside the handler. */
const RUNTIME_DIR = dirname(HERE);

/**
 * The handler's files, for its module.
 * @param modulePath - the handler module's absolute path
 */
export function coverageScope(modulePath: string): CoverageScope {
  const own = dirname(modulePath);
  const root = packageRoot(own) ?? own;
  if (TOOL_ROOT !== undefined && (root === TOOL_ROOT || own.startsWith(TOOL_ROOT + sep)))
    return { root: own, exclude: [RUNTIME_DIR] };
  return { root, exclude: TOOL_ROOT !== undefined ? [TOOL_ROOT] : [] };
}
