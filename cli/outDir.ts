/** The report folder (`--out`), checked before a run spends its minutes: afterwards it would be too late to say. */
import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { HarnessError } from '../runtime/errors.ts';

const statOf = (p: string): Stats | undefined => {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
};

/**
 * Refuses a report folder that cannot become one: an existing file, a path through a file, or a folder that cannot
 * be written. A folder that does not exist yet is fine (it is created).
 * @param out - the `--out` value
 * @throws HarnessError `E_OUT` saying what is in the way
 */
export function checkOutDir(out: string): void {
  const target = resolve(out);
  let p = target;
  let st = statOf(p);
  while (!st && dirname(p) !== p) {
    p = dirname(p);
    st = statOf(p);
  }
  if (!st) return;
  if (!st.isDirectory())
    throw new HarnessError(
      'E_OUT',
      p === target
        ? `--out ${out} is a file, not a folder: name a folder for the reports`
        : `--out ${out} cannot be a folder: ${p} is a file`,
    );
  try {
    accessSync(p, constants.W_OK);
  } catch {
    throw new HarnessError('E_OUT', `--out ${out}: ${p} cannot be written`);
  }
}
