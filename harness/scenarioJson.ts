/**
 * An abstract scenario read back from JSON (a report, the failure store, a regression test's input file). The
 * file is not trusted: every field is checked, and the scenario is rebuilt from the checked fields alone, so no
 * extra property and no value the generators could never draw reaches the builder.
 */
import {
  KEY_INTENTS,
  type AbstractRecord,
  type BulkChar,
  type BulkGroup,
  type KeyIntent,
  type SyncScenario,
} from '../generators/index.ts';
import {
  DATASET_NAME_PATTERN,
  isJsonObject,
  MAX_DATASET_BYTES,
  MAX_DATASET_NAME_LENGTH,
  MAX_KEY_LENGTH,
  MAX_RECORDS,
  resolveReadings,
} from '../model/index.ts';

/** A record version is a Java `int` SyncCount, one below its maximum (a tombstone is one later). */
const MAX_VERSION = 2 ** 31 - 2;
/** Individually drawn records beyond the limit are dropped by the builder; more than this is not a drawn case. */
const MAX_DRAWN_RECORDS = 4 * MAX_RECORDS;
/** Bulk groups name their keys `b<digit>.…`. */
const MAX_BULK_GROUPS = 10;
/** The longest value the generators draw (the API pages' 4 MB ceiling). */
const MAX_VALUE_LENGTH = 4 * 1024 * 1024;
const BULK_INTENTS: readonly BulkGroup['intent'][] = ['untouched', 'replace', 'remove', 'put', 'tombstone'];
const BULK_CHARS: readonly BulkChar[] = ['x', 'é', '中', '😀'];

/** Thrown inside this module only; `scenarioFromJson` turns it into a returned problem. */
class Problem extends Error {}

const fail = (message: string): never => {
  throw new Problem(message);
};
const text = (v: unknown, where: string, min: number, max: number): string =>
  typeof v === 'string' && v.length >= min && v.length <= max
    ? v
    : fail(`${where} is not a string of ${min}–${max} characters`);
const int = (v: unknown, where: string, min: number, max: number): number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
    ? v
    : fail(`${where} is not a whole number from ${min} to ${max}`);
const oneOf = <T extends string>(v: unknown, where: string, allowed: readonly T[]): T =>
  allowed.includes(v as T) ? (v as T) : fail(`${where} is not one of ${allowed.join(', ')}`);
const object = (v: unknown, where: string): Record<string, unknown> =>
  isJsonObject(v) ? v : fail(`${where} is not an object`);
const list = (v: unknown, where: string, max: number): unknown[] =>
  Array.isArray(v) && v.length <= max ? v : fail(`${where} is not a list of at most ${max} entries`);

function recordOf(v: unknown, where: string): AbstractRecord {
  const r = object(v, where);
  return {
    key: text(r.key, `${where}.key`, 1, MAX_KEY_LENGTH),
    intent: oneOf<KeyIntent>(r.intent, `${where}.intent`, KEY_INTENTS),
    stored: text(r.stored, `${where}.stored`, 0, MAX_VALUE_LENGTH),
    value: text(r.value, `${where}.value`, 0, MAX_VALUE_LENGTH),
    version: int(r.version, `${where}.version`, 0, MAX_VERSION),
  };
}

function bulkOf(v: unknown, where: string): BulkGroup {
  const g = object(v, where);
  return {
    intent: oneOf(g.intent, `${where}.intent`, BULK_INTENTS),
    count: g.count === 'fill' ? 'fill' : int(g.count, `${where}.count`, 0, MAX_RECORDS),
    keyLength: int(g.keyLength, `${where}.keyLength`, 7, MAX_KEY_LENGTH),
    valueLength: g.valueLength === 'fill' ? 'fill' : int(g.valueLength, `${where}.valueLength`, 0, MAX_DATASET_BYTES),
    char: oneOf(g.char, `${where}.char`, BULK_CHARS),
    version: int(g.version, `${where}.version`, 0, MAX_VERSION),
  };
}

function datasetNameOf(v: unknown): string {
  const name = text(v, 'scenario.datasetName', 1, MAX_DATASET_NAME_LENGTH);
  return DATASET_NAME_PATTERN.test(name) ? name : fail('scenario.datasetName is not a dataset name');
}

function readingsOf(v: unknown, where: string): SyncScenario['readings'] {
  const given = object(v, where);
  const strings: Record<string, string> = {};
  for (const [point, reading] of Object.entries(given))
    strings[point] = typeof reading === 'string' ? reading : fail(`${where}.${point} is not a reading`);
  const resolved = resolveReadings(strings);
  return resolved.ok ? resolved.readings : fail(`${where}: ${resolved.problems.join('; ')}`);
}

/**
 * Reads an abstract scenario from JSON.
 * @param v - the parsed JSON
 * @returns the scenario, rebuilt from its checked fields, or the first problem found
 */
export function scenarioFromJson(v: unknown): { ok: true; scenario: SyncScenario } | { ok: false; problem: string } {
  try {
    const s = object(v, 'scenario');
    const id = object(s.identity, 'scenario.identity');
    const scenario: SyncScenario = {
      identity: {
        region: text(id.region, 'scenario.identity.region', 1, 64),
        identityPoolId: text(id.identityPoolId, 'scenario.identity.identityPoolId', 1, 1024),
        identityId: text(id.identityId, 'scenario.identity.identityId', 1, 1024),
      },
      datasetName: datasetNameOf(s.datasetName),
      records: list(s.records, 'scenario.records', MAX_DRAWN_RECORDS).map((r, i) =>
        recordOf(r, `scenario.records[${i}]`),
      ),
      bulk: list(s.bulk, 'scenario.bulk', MAX_BULK_GROUPS).map((g, i) => bulkOf(g, `scenario.bulk[${i}]`)),
      readings: readingsOf(s.readings, 'scenario.readings'),
    };
    return { ok: true, scenario };
  } catch (e) {
    if (e instanceof Problem) return { ok: false, problem: e.message };
    throw e;
  }
}
