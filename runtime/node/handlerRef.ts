/**
 * Naming a handler: `path#export` (the export defaults to `handler`), and finding the module file the way a user
 * means it (relative to the working directory; the extension may be left out, as in Lambda's `index.handler`).
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { HarnessError } from '../errors.ts';
import { LOCAL_DEFAULTS } from '../targetDefaults.ts';

/** A handler reference: the module and the export that holds the handler. */
export interface HandlerRef {
  readonly modulePath: string;
  readonly exportName: string;
}

/**
 * Splits `path#export`. The export may be a dotted path (`handlers.sync`), as Lambda resolves it.
 * @param spec - e.g. `./src/trigger.ts#main`, or `./handler.js` for the export `handler`
 * @throws HarnessError `E_HANDLER_SPEC` for an empty path
 * @example
 * parseHandlerRef('./h.mjs#onSync') // { modulePath: './h.mjs', exportName: 'onSync' }
 */
export function parseHandlerRef(spec: string): HandlerRef {
  const i = spec.lastIndexOf('#');
  const modulePath = i < 0 ? spec : spec.slice(0, i);
  const exportName = (i < 0 ? '' : spec.slice(i + 1)) || LOCAL_DEFAULTS.exportName;
  if (!modulePath.trim())
    throw new HarnessError('E_HANDLER_SPEC', `no module path in handler "${spec}" (use path[#export])`);
  return { modulePath, exportName };
}

/** Extensions tried, in Lambda's order, when the path names no existing file. */
const MODULE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];

const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/**
 * The absolute path of the handler module.
 * @param modulePath - as the user wrote it
 * @param cwd - what a relative path is relative to
 * @throws HarnessError `E_HANDLER_LOAD` when no such file exists
 */
export function resolveModulePath(modulePath: string, cwd: string = process.cwd()): string {
  const abs = resolve(cwd, modulePath);
  if (isFile(abs)) return abs;
  const found = MODULE_EXTENSIONS.map((ext) => abs + ext).find(isFile);
  if (found) return found;
  let isDir = false;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    // Not there at all.
  }
  throw new HarnessError(
    'E_HANDLER_LOAD',
    isDir
      ? `handler module ${abs} is a directory; name the file (e.g. ${resolve(abs, 'index.js')})`
      : `handler module not found: ${abs} (also tried ${MODULE_EXTENSIONS.join(', ')})`,
  );
}
