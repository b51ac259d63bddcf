/** Loading the config file for a command, visibly: one line on stderr names the file applied. */
import { isAbsolute, relative, resolve } from 'node:path';
import type { ConformanceConfig } from '../harness/index.ts';

/** A config a command applies: the file as the command names it (for replay lines), and its contents. */
export interface AppliedConfig {
  /** Relative to the working directory when inside it, else absolute; undefined when no config applies. */
  readonly file?: string;
  readonly config: ConformanceConfig;
}

/**
 * A path as a person in the working directory would type it.
 * @param abs - an absolute path
 * @param cwd - the working directory @defaultValue `process.cwd()`
 */
export function displayPath(abs: string, cwd = process.cwd()): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/**
 * Finds and loads the config a command applies, and says so on stderr.
 * @param given - the `--config` value (or a report's), resolved from the working directory
 * @param discover - look for a config of a default name in the working directory when none is given (`run` does;
 *   `replay` does not, so that a replay line applies a config only when it names one)
 * @param fresh - load the file again even if this process loaded it before (watch mode: it may have changed)
 * @throws HarnessError `E_CONFIG` when the file is missing or invalid
 */
export async function applyConfig(given: string | undefined, discover: boolean, fresh = false): Promise<AppliedConfig> {
  // Loaded when a command runs: the config loader brings zod and tsx.
  const { findConfig, loadConfig } = await import('../harness/config.ts');
  const path = given !== undefined || discover ? findConfig(given) : undefined;
  if (!path) return { config: {} };
  const config = await loadConfig(resolve(path), fresh);
  const file = displayPath(path);
  process.stderr.write(`config: ${file}\n`);
  return { file, config };
}
