/**
 * The readings file: what `probe` writes and `run --readings-file` loads, so that an account settles the
 * undocumented points once and every later run judges under what the service showed. Kept apart from the probes:
 * loading it must not load the AWS SDK.
 */
import { readFileSync } from 'node:fs';
import { isJsonObject, resolveReadings } from '../model/index.ts';
import { HarnessError } from '../runtime/errors.ts';

/** The file `probe` writes and `run --readings-file` reads. */
export interface ReadingsFile {
  readonly kind: 'cognito-sync-conformance/readings';
  readonly version: 1;
  readonly probedAt: string;
  /** `aws` or the endpoint probed. */
  readonly service: string;
  readonly identityPoolId: string;
  /** The reading each probed point showed. */
  readonly readings: Readonly<Record<string, string>>;
  /** What was observed, per point, in one line. */
  readonly evidence: Readonly<Record<string, string>>;
  /** Points no experiment settles, with why. */
  readonly unprobed: Readonly<Record<string, string>>;
}

/**
 * Loads a readings file written by `probe` and checks every reading against the model's registry.
 * @param path - the file
 * @returns the readings, `point → reading`
 * @throws HarnessError `E_READINGS_FILE` naming the file and the problem
 */
export function loadReadingsFile(path: string): Record<string, string> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new HarnessError(
      'E_READINGS_FILE',
      `cannot read the readings file ${path}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (
    !isJsonObject(data) ||
    data.kind !== 'cognito-sync-conformance/readings' ||
    data.version !== 1 ||
    !isJsonObject(data.readings)
  )
    throw new HarnessError(
      'E_READINGS_FILE',
      `${path} is not a readings file written by cognito-sync-conformance probe: give the file probe --out wrote`,
    );
  const readings: Record<string, string> = {};
  for (const [point, reading] of Object.entries(data.readings)) {
    if (typeof reading !== 'string')
      throw new HarnessError('E_READINGS_FILE', `${path}: the reading of ${point} is not text`);
    readings[point] = reading;
  }
  const checked = resolveReadings(readings);
  if (!checked.ok)
    throw new HarnessError(
      'E_READINGS_FILE',
      `${path}: ${checked.problems.join('; ')}: run probe again, or fix the file`,
    );
  return readings;
}
