/** Record values (CONTRACT.md §3): strings, empty included, biased to what handlers misparse. */
import fc from 'fast-check';
import { memoized } from './_internal/memo.ts';
import { constraintsObject, intField } from './_internal/constraints.ts';
import { clampUnits, graphemeUnit, padTo, unicodeUnit } from './_internal/strings.ts';

/** The longer of the two readings of `service.valueMaxLength` (current API pages); the hard ceiling here. */
const VALUE_CEILING = 4_194_304;

/** Constraints of {@link recordValue}. */
export interface RecordValueConstraints {
  /**
   * Longest value, in UTF-16 code units. The default is the service models' maximum, the default reading of
   * `service.valueMaxLength`; in a dataset the 1 MB limit bounds values first.
   * @defaultValue 1048575
   */
  readonly maxLength?: number;
}

/** Values that parse as numbers (or almost): handlers that `Number()` or `parseInt` them disagree on each. */
const NUMERIC = ['0', '1', '-1', '11', '1.5', '-0', '007', '1e3', '1e308', '0x1F', '9007199254740993', ' 42 ', '1,5'];
/** Values that look like JSON or like the JS/Python/Go spelling of nothing. */
const LOOKALIKE = ['null', 'undefined', 'true', 'false', 'NULL', 'None', 'nil', 'NaN', 'Infinity', '[object Object]'];
const JSONISH = ['{}', '[]', '{"a":1}', '"quoted"', '[1,2,3]', '{"__proto__":{"polluted":true}}', '{"op":"remove"}'];
const AWKWARD = [' ', '\n', '\t', '\r\n', '\u0000', '\u2028', '\\', '"', "'", '</script>', '\ud83d\ude00', 'e\u0301'];

function buildRecordValue(constraints: RecordValueConstraints = {}): fc.Arbitrary<string> {
  const c = constraintsObject('recordValue', constraints);
  const maxLength = intField('recordValue', 'maxLength', c.maxLength, 1_048_575, 0, VALUE_CEILING);
  const fit = (s: string): string => clampUnits(s, maxLength);
  const short = Math.min(16, maxLength);
  const branches: fc.WeightedArbitrary<string>[] = [
    { arbitrary: fc.constant(''), weight: 2 },
    { arbitrary: fc.string({ maxLength: short }), weight: 4 },
    { arbitrary: fc.oneof(fc.constantFrom(...NUMERIC), fc.integer().map(String)).map(fit), weight: 2 },
    { arbitrary: fc.oneof(fc.constantFrom(...JSONISH), fc.json({ maxDepth: 2 })).map(fit), weight: 2 },
    { arbitrary: fc.constantFrom(...LOOKALIKE).map(fit), weight: 2 },
    { arbitrary: fc.constantFrom(...AWKWARD).map(fit), weight: 1 },
    { arbitrary: fc.string({ unit: graphemeUnit, maxLength: short }).map(fit), weight: 2 },
    { arbitrary: fc.string({ unit: unicodeUnit, maxLength: short }).map(fit), weight: 1 },
  ];
  if (maxLength > short) branches.push({ arbitrary: longValue(maxLength), weight: 1 });
  return fc.oneof({ withCrossShrink: true }, ...branches);
}

/** Long values at round sizes and at the limit itself; content is a drawn head and a filler. */
function longValue(maxLength: number): fc.Arbitrary<string> {
  const lengths = [128, 1024, 4096, 65_536, maxLength - 1, maxLength].filter((n) => n > 16 && n <= maxLength);
  return fc
    .tuple(fc.constantFrom(...lengths), fc.string({ maxLength: 8 }), fc.constantFrom('x', 'é', '中', '😀'))
    .map(([length, head, filler]) => padTo(head, filler, length));
}

/**
 * Record values: the empty string, short text, numeric and JSON-looking strings, lookalikes of `null`/`true`,
 * whitespace and control characters, unicode, and long values up to and at `maxLength`. Every value has
 * `value.length <= maxLength` and no lone surrogate. Shrinks toward `''`.
 * @param constraints - see {@link RecordValueConstraints}
 * @example
 * fc.sample(recordValue({ maxLength: 16 }), 5);
 */
export const recordValue: (constraints?: RecordValueConstraints) => fc.Arbitrary<string> = memoized(buildRecordValue);
