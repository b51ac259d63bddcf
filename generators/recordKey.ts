/** Record keys as handlers receive them (CONTRACT.md §3): what the API accepts, biased to what handlers trip on. */
import fc from 'fast-check';
import { memoized } from './_internal/memo.ts';
import { MAX_KEY_LENGTH, SDK_MAX_KEY_BYTES } from '../model/index.ts';
import { boolField, constraintsObject, intField } from './_internal/constraints.ts';
import {
  clampUnits,
  graphemeUnit,
  isSdkSafeKey,
  padTo,
  padToBytes,
  PROTOTYPE_KEYS,
  SDK_KEY_CHARS,
  UNICODE_KEYS,
  unicodeUnit,
} from './_internal/strings.ts';

/** Constraints of {@link recordKey}. */
export interface RecordKeyConstraints {
  /**
   * Only keys the JS SDK accepts (`^[a-zA-Z0-9_.:-]{1,128}$`). Off by default: the API takes any 1–1,024
   * characters, botocore (AWS CLI, boto3) checks nothing more, and the Android and iOS clients allow any Unicode up
   * to 128 bytes, so handlers do see unicode keys and (from the CLI) keys past the SDKs' 128-byte cap.
   * @defaultValue false
   */
  readonly sdkSafe?: boolean;
  /**
   * Longest key, in UTF-16 code units (the unit the model checks). Capped at 128 when `sdkSafe`.
   * @defaultValue 1024 (`MAX_KEY_LENGTH`)
   */
  readonly maxLength?: number;
}

/** Keys that look like something else: values, numbers, paths, JSON; several break naive handlers. */
const LOOKALIKE_KEYS = [
  'null',
  'undefined',
  'true',
  'false',
  'NaN',
  'length',
  '0',
  '-1',
  '1e3',
  '007',
  '_',
  '.',
  ':',
  '-',
  '..',
  'a.b.c',
  'a:b',
  'items.0',
  'us-east-1:9a1b',
  '$ref',
  '%3A',
  'a/b',
  'a\\b',
  ' ',
  ' lead',
  'trail ',
  'a b',
  '\t',
  '\n',
  '"',
  "'",
  '[]',
  '{}',
  '<script>',
  '\u0000',
] as const;

function buildRecordKey(constraints: RecordKeyConstraints = {}): fc.Arbitrary<string> {
  const c = constraintsObject('recordKey', constraints);
  const sdkSafe = boolField('recordKey', 'sdkSafe', c.sdkSafe, false);
  const maxLength = intField('recordKey', 'maxLength', c.maxLength, MAX_KEY_LENGTH, 1, MAX_KEY_LENGTH);
  const cap = sdkSafe ? Math.min(maxLength, SDK_MAX_KEY_BYTES) : maxLength;
  const fits = (k: string): boolean => k.length >= 1 && k.length <= cap && (!sdkSafe || isSdkSafeKey(k));
  const sdkChar = fc.constantFrom(...SDK_KEY_CHARS);
  const sdkString = fc.string({ unit: sdkChar, minLength: 1, maxLength: Math.min(16, cap) });
  const prefix = fc.string({ unit: sdkChar, maxLength: 6 });

  // Lists are cut to what fits before drawing: filtering a constant that never fits would loop forever.
  const listed = (keys: readonly string[], weight: number): fc.WeightedArbitrary<string>[] => {
    const ok = keys.filter(fits);
    return ok.length ? [{ arbitrary: fc.constantFrom(...ok), weight }] : [];
  };
  const branches: fc.WeightedArbitrary<string>[] = [
    ...listed(['a', 'score', 'name', 'level', 'settings', 'x'], 3),
    { arbitrary: sdkString, weight: 4 },
    ...listed(PROTOTYPE_KEYS, 2),
    ...listed(LOOKALIKE_KEYS, 2),
    { arbitrary: boundaryKeys(prefix, cap, sdkSafe), weight: 2 },
  ];
  if (!sdkSafe) {
    const graphemes = fc.string({ unit: graphemeUnit, minLength: 1, maxLength: 12 });
    const unicode = fc.oneof(
      fc.constantFrom(...UNICODE_KEYS),
      graphemes,
      fc.string({ unit: unicodeUnit, minLength: 1 }),
    );
    branches.push({ arbitrary: unicode.map((k) => clampUnits(k, cap)).filter(fits), weight: 3 });
  }
  return fc.oneof({ withCrossShrink: true }, ...branches);
}

/** Keys at the length limits that apply: 1 unit, the SDKs' 128 bytes, one byte past it, the API's 1,024 units. */
function boundaryKeys(prefix: fc.Arbitrary<string>, cap: number, sdkSafe: boolean): fc.Arbitrary<string> {
  const shapes: ((p: string) => string)[] = [(p) => padTo(p, 'k', 1), (p) => padTo(p, 'k', cap)];
  if (cap >= SDK_MAX_KEY_BYTES) shapes.push((p) => padTo(p, 'k', SDK_MAX_KEY_BYTES));
  if (!sdkSafe) {
    // 128 bytes in fewer units: a multi-byte key at the SDK cap, then one byte over it (API-valid, SDK-invalid).
    if (cap >= SDK_MAX_KEY_BYTES)
      shapes.push(
        (p) => padToBytes(p, 'é', SDK_MAX_KEY_BYTES),
        (p) => padToBytes(p, '😀', SDK_MAX_KEY_BYTES),
      );
    if (cap >= SDK_MAX_KEY_BYTES + 1) shapes.push((p) => padTo(p, 'k', SDK_MAX_KEY_BYTES + 1));
    if (cap >= MAX_KEY_LENGTH)
      shapes.push(
        (p) => padTo(p, '😀', MAX_KEY_LENGTH),
        (p) => padTo(p, '中', 1024),
      );
  }
  return fc.tuple(fc.constantFrom(...shapes), prefix).map(([shape, p]) => shape(p));
}

/**
 * Record keys: short common names, JS SDK characters, prototype member names, lookalikes, unicode and the length
 * boundaries (1; 128 bytes, the SDKs' cap; 129 bytes; 1,024 code units, the API maximum). Every value has
 * `1 <= key.length <= maxLength` and no lone surrogate. Shrinks toward `'a'`.
 * @param constraints - see {@link RecordKeyConstraints}
 * @example
 * fc.assert(fc.property(recordKey({ sdkSafe: true }), (k) => SDK_KEY_PATTERN.test(k)));
 */
export const recordKey: (constraints?: RecordKeyConstraints) => fc.Arbitrary<string> = memoized(buildRecordKey);
