/**
 * From `syncScenario`'s constraints to a plan: which fates keys may have, how big bulks may get, which records and
 * bulk groups are forced in so a requested class is always reached. Internal; all checks happen here, up front.
 */
import fc from 'fast-check';
import type { BulkPlan } from './bulkGroup.ts';
import { boolField, constraintsObject, enumField, enumListField, intField } from './constraints.ts';
import type { Readings } from '../../model/index.ts';
import { readReadingsConstraints, type EventReadingsConstraints } from '../eventReadings.ts';
import { FORCEABLE_CLASSES, INCOMPATIBLE_CLASSES, type ForceableClass } from './scenarioClasses.ts';
import { KEY_INTENTS, type BulkGroup, type KeyIntent } from './types.ts';
import { DATASET_NAME_PATTERN, MAX_DATASET_NAME_LENGTH } from '../../model/index.ts';
import { BULK_KEY } from './expandBulk.ts';
import { isSdkSafeKey } from './strings.ts';

/** How big a scenario gets; `'mixed'` draws among the others, mostly small. */
export type ScenarioSize = 'small' | 'medium' | 'large' | 'max' | 'mixed';

/** Constraints of `syncScenario` (and of `syncTriggerEvent`, `syncCase`). */
export interface SyncScenarioConstraints {
  /**
   * `'small'`: up to 6 keys. `'medium'`: up to 24 keys and a bulk of up to 64 short records. `'large'`: up to 12
   * keys and 1–2 bulks of up to 1,024 records, 1 MB. `'max'`: a bulk always filling 1,024 records and 1 MB.
   * @defaultValue 'mixed'
   */
  readonly size?: ScenarioSize;
  /**
   * Classes every drawn scenario must reach (`FORCEABLE_CLASSES`); incompatible pairs throw up front.
   * @defaultValue []
   */
  readonly classes?: readonly ForceableClass[];
  /**
   * Only keys the JS SDK can send (`^[a-zA-Z0-9_.:-]{1,128}$`): no unicode, nothing past 128 bytes.
   * @defaultValue false
   */
  readonly sdkSafeKeys?: boolean;
  /**
   * Readings to hold fixed (any point; checked against the registry). Event-shape points not pinned are drawn,
   * default-biased (see `eventReadings`).
   * @defaultValue none pinned
   */
  readonly readings?: Partial<Readings>;
  /**
   * Hold every event-shape point that is not pinned at its default reading instead of drawing it.
   * @defaultValue false
   */
  readonly defaultReadings?: boolean;
  /**
   * Longest individually drawn value, in code units (bulk values grow to the 1 MB limit regardless).
   * @defaultValue 1024
   */
  readonly maxValueLength?: number;
  /**
   * Your domain: keys your handler knows, with a value arbitrary each (e.g. `{ score: fc.nat().map(String) }`). Each
   * scenario includes any subset of these keys, with any fate, their values drawn from your arbitraries; other keys
   * are drawn as usual and never collide with them.
   * @defaultValue none
   */
  readonly values?: Readonly<Record<string, fc.Arbitrary<string>>>;
  /**
   * Keys a handler is known to look at (found in its source or seen looked up, or declared): drawn often, with any
   * fate and ordinary values, and preferred for the records a forced class needs (a null entry, a removal, a re-add,
   * a no-op replace), so that a handler that acts on `SampleKey1` meets `{"SampleKey1": null}`.
   * @defaultValue none
   */
  readonly keys?: readonly string[];
  /**
   * Dataset names a handler is known to route on: drawn most of the time, beside ordinary names.
   * @defaultValue none
   */
  readonly datasetNames?: readonly string[];
  /**
   * Keys found in the handler's source on or just before code no case has reached yet: drawn more often still, so
   * that part of the budget goes where the handler's branches are still unexplored (coverage-guided steering).
   * @defaultValue none
   */
  readonly focusKeys?: readonly string[];
  /** Dataset names found on or just before code no case has reached yet: drawn more often still. @defaultValue none */
  readonly focusDatasetNames?: readonly string[];
  /**
   * One dataset name every scenario uses (the handler serves one dataset); wins over `datasetNames`.
   * @defaultValue none
   */
  readonly datasetName?: string;
}

/**
 * Which fates are allowed: everything, a first sync (all new), a sync with no patches, both at once, or (for
 * stored datasets without tombstones) live records only.
 */
export type Mode = 'normal' | 'first-sync' | 'no-patches' | 'nothing' | 'live-only';

/** The fates of each mode, in shrink order. */
export const MODE_INTENTS: Readonly<
  Record<Mode, { keys: readonly KeyIntent[]; bulk: readonly BulkGroup['intent'][] }>
> = {
  normal: { keys: KEY_INTENTS, bulk: ['untouched', 'replace', 'remove', 'put', 'tombstone'] },
  'first-sync': { keys: ['put'], bulk: ['put'] },
  'no-patches': { keys: ['untouched', 'tombstone'], bulk: ['untouched', 'tombstone'] },
  nothing: { keys: [], bulk: [] },
  'live-only': { keys: ['untouched'], bulk: ['untouched'] },
};

/** Everything `syncScenario` needs, checked. */
export interface ScenarioPlan {
  readonly sizes: readonly Exclude<ScenarioSize, 'mixed'>[];
  readonly modes: readonly Mode[];
  readonly classes: readonly ForceableClass[];
  readonly sdkSafeKeys: boolean;
  readonly maxValueLength: number;
  /** The readings constraints, with any pin a forced class needs added; already checked. */
  readonly readings: EventReadingsConstraints;
  /** The user's domain keys and their value arbitraries. */
  readonly values: Readonly<Record<string, fc.Arbitrary<string>>>;
  /** Keys the handler is known to look at (not among `values`), checked. */
  readonly keys: readonly string[];
  /** Dataset names the handler is known to route on, checked. */
  readonly datasetNames: readonly string[];
  /** Keys and dataset names near code no case has reached yet, checked. */
  readonly focusKeys: readonly string[];
  readonly focusDatasetNames: readonly string[];
  /** The one dataset name every scenario uses, when pinned. */
  readonly datasetName?: string;
  /** The reading pinned so that a forced null entry appears, and the fate that makes it appear. */
  readonly nullEntryVia?: 'tombstone' | 'readd';
}

/** Per-size bounds; `forceFill` marks the sizes whose first bulk always fills both limits. */
export const SIZE_PLANS = {
  small: { maxRecords: 6, bulkMin: 0, bulkMax: 0, forceFill: false },
  medium: { maxRecords: 24, bulkMin: 0, bulkMax: 1, forceFill: false },
  large: { maxRecords: 12, bulkMin: 1, bulkMax: 2, forceFill: false },
  max: { maxRecords: 6, bulkMin: 0, bulkMax: 1, forceFill: true },
} as const;

/** The bulk bounds of a size. */
export function bulkBounds(size: keyof typeof SIZE_PLANS): Omit<BulkPlan, 'intents' | 'sdkSafeKeys'> {
  if (size === 'medium') return { maxCount: 64, maxValueLength: 64, fillCount: 'never', fillValue: 'never' };
  return { maxCount: 1024, maxValueLength: 1024, fillCount: 'sometimes', fillValue: 'sometimes' };
}

function modesFor(classes: readonly ForceableClass[]): Mode[] {
  const empty = classes.includes('empty-dataset');
  const none = classes.includes('no-patches');
  if (empty && none) return ['nothing'];
  if (empty) return ['first-sync'];
  if (none) return ['no-patches'];
  const needsPatchOnStored = classes.some((c) => c === 'removes' || c === 're-adds' || c === 'noop-replaces');
  if (needsPatchOnStored) return ['normal'];
  return classes.includes('null-entries') ? ['normal', 'no-patches'] : ['normal', 'first-sync', 'no-patches'];
}

function nullEntryRoute(name: string, pinned: Record<string, string>, modes: readonly Mode[]): 'tombstone' | 'readd' {
  const untouched = pinned['event.untouchedTombstone'];
  const readd = pinned['event.readdOverTombstone'];
  // Under this reply reading the model's constraints exclude every event reading that carries a null entry.
  if (pinned['reply.nullEntry'] === 'invalid')
    throw new RangeError(`${name}: class null-entries cannot be reached when reply.nullEntry is invalid`);
  if (untouched === undefined || untouched === 'null-entry') return 'tombstone';
  if ((readd === undefined || readd === 'null-entry') && modes.includes('normal')) return 'readd';
  throw new RangeError(`${name}: class null-entries cannot be reached under the pinned readings`);
}

/**
 * Checks `syncScenario`-style constraints and turns them into a plan.
 * @param name - the public arbitrary, for messages
 * @param constraints - the constraints object
 */
export function planScenario(name: string, constraints: unknown): ScenarioPlan {
  const c = constraintsObject(name, constraints);
  const size = enumField<ScenarioSize>(name, 'size', c.size, 'mixed', ['small', 'medium', 'large', 'max', 'mixed']);
  const classes = [...new Set(enumListField(name, 'classes', c.classes, FORCEABLE_CLASSES))];
  const sdkSafeKeys = boolField(name, 'sdkSafeKeys', c.sdkSafeKeys, false);
  const maxValueLength = intField(name, 'maxValueLength', c.maxValueLength, 1024, 0, 1_048_575);
  for (const [a, b, why] of INCOMPATIBLE_CLASSES)
    if (classes.includes(a) && classes.includes(b)) throw new RangeError(`${name}: classes ${a} and ${b}: ${why}`);
  for (const k of ['unicode-keys', 'long-keys'] as const)
    if (sdkSafeKeys && classes.includes(k)) throw new RangeError(`${name}: class ${k} needs keys the JS SDK rejects`);
  if (classes.includes('max-records') && maxValueLength > 1024)
    throw new RangeError(`${name}: class max-records needs maxValueLength <= 1024 so that 1,024 records fit in 1 MB`);
  const modes = modesFor(classes);
  const needRecords: readonly ForceableClass[] = [
    'prototype-keys',
    'unicode-keys',
    'long-keys',
    'max-records',
    'near-1mb',
  ];
  if (modes.includes('nothing') && classes.some((k) => needRecords.includes(k)))
    throw new RangeError(`${name}: empty-dataset with no-patches leaves no record to carry ${classes.join(', ')}`);
  const userPinned = constraintsObject(`${name}: readings`, c.readings) as Record<string, string>;
  const defaultsOnly = boolField(name, 'defaultReadings', c.defaultReadings, false);
  const nullEntryVia = classes.includes('null-entries') ? nullEntryRoute(name, userPinned, modes) : undefined;
  const pinned = { ...userPinned };
  if (nullEntryVia === 'tombstone') pinned['event.untouchedTombstone'] = 'null-entry';
  if (nullEntryVia === 'readd') pinned['event.readdOverTombstone'] = 'null-entry';
  const readings = { pinned, defaultsOnly } as EventReadingsConstraints;
  readReadingsConstraints(name, readings);
  const sizes = size === 'mixed' ? (['small', 'medium', 'large', 'max'] as const) : [size];
  const values = readValues(name, c.values);
  const readKeys = (field: 'keys' | 'focusKeys', value: unknown): string[] =>
    readStrings(name, field, value, (k) => k.length >= 1 && k.length <= 1024 && !LONE_SURROGATE.test(k))
      .filter((k) => !Object.prototype.hasOwnProperty.call(values, k) && !BULK_KEY.test(k))
      .filter((k) => !sdkSafeKeys || isSdkSafeKey(k));
  const keys = readKeys('keys', c.keys);
  const focusKeys = readKeys('focusKeys', c.focusKeys);
  const validName = (n: string): boolean => n.length <= MAX_DATASET_NAME_LENGTH && DATASET_NAME_PATTERN.test(n);
  const pinnedName = c.datasetName === undefined ? [] : readStrings(name, 'datasetName', [c.datasetName], validName);
  const datasetNames = readStrings(name, 'datasetNames', c.datasetNames, validName);
  const focusDatasetNames = readStrings(name, 'focusDatasetNames', c.focusDatasetNames, validName);
  return {
    sizes,
    modes,
    classes,
    sdkSafeKeys,
    maxValueLength,
    readings,
    values,
    keys,
    datasetNames,
    focusKeys,
    focusDatasetNames,
    ...(pinnedName[0] !== undefined ? { datasetName: pinnedName[0] } : {}),
    ...(nullEntryVia ? { nullEntryVia } : {}),
  };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Checks a list of strings: every item must pass `valid`; duplicates go. */
function readStrings(name: string, field: string, value: unknown, valid: (s: string) => boolean): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TypeError(`${name}: ${field} must be an array of strings`);
  for (const item of value as unknown[]) {
    if (typeof item !== 'string') throw new TypeError(`${name}: ${field} must be an array of strings`);
    if (!valid(item)) throw new RangeError(`${name}: ${field}: ${JSON.stringify(item)} is not valid here`);
  }
  return [...new Set(value as string[])];
}

/** Checks `values`: an object of non-empty keys (at most 1,024 code units) to fast-check arbitraries. */
function readValues(name: string, value: unknown): Readonly<Record<string, fc.Arbitrary<string>>> {
  const v = constraintsObject(`${name}: values`, value);
  for (const [key, arb] of Object.entries(v)) {
    if (key.length === 0 || key.length > 1024)
      throw new RangeError(`${name}: values: key ${JSON.stringify(key)} must have 1 to 1,024 characters`);
    const isArb =
      arb instanceof fc.Arbitrary ||
      (typeof arb === 'object' && arb !== null && typeof (arb as { generate?: unknown }).generate === 'function');
    if (!isArb) throw new TypeError(`${name}: values.${key} must be a fast-check arbitrary of strings`);
  }
  return v as Readonly<Record<string, fc.Arbitrary<string>>>;
}
