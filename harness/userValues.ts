/**
 * The user's `values` arbitraries run inside the tool's generators, but their code is the user's: what they throw is
 * an `E_CONFIG_VALUES` check error naming the key (the user's to fix), never taken for a bug in the tool.
 */
import fc from 'fast-check';
import { HarnessError } from '../runtime/errors.ts';
import { safeText } from '../suites/user.ts';

const blame = (key: string, e: unknown): HarnessError =>
  new HarnessError(
    'E_CONFIG_VALUES',
    `the arbitrary of values.${key} threw while drawing a value: ${safeText(e)}; fix it in your config ` +
      '(it must draw strings without throwing)',
    { cause: e },
  );

/** An arbitrary that draws and shrinks as `inner` does, turning what it throws into `E_CONFIG_VALUES`. */
class UserValues extends fc.Arbitrary<string> {
  constructor(
    private readonly key: string,
    private readonly inner: fc.Arbitrary<string>,
  ) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<string> {
    try {
      return this.inner.generate(mrng, biasFactor);
    } catch (e) {
      throw blame(this.key, e);
    }
  }

  canShrinkWithoutContext(value: unknown): value is string {
    try {
      return this.inner.canShrinkWithoutContext(value);
    } catch (e) {
      throw blame(this.key, e);
    }
  }

  shrink(value: string, context: unknown): fc.Stream<fc.Value<string>> {
    const { key, inner } = this;
    // Shrinks are drawn lazily: the user's code runs as the stream is read.
    function* guarded(): Generator<fc.Value<string>> {
      try {
        yield* inner.shrink(value, context);
      } catch (e) {
        throw blame(key, e);
      }
    }
    return new fc.Stream(guarded());
  }
}

/**
 * The user's domain values, each guarded.
 * @param values - key → the user's arbitrary of its values
 */
export function guardedValues(
  values: Readonly<Record<string, fc.Arbitrary<string>>>,
): Readonly<Record<string, fc.Arbitrary<string>>> {
  return Object.fromEntries(Object.entries(values).map(([k, a]) => [k, new UserValues(k, a)]));
}
