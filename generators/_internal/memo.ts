/**
 * Arbitraries built once per distinct constraints. Building a string arbitrary over a large character set costs
 * fast-check a reverse mapping of every character (about a million entries for full Unicode); arbitraries are
 * immutable, so the scenario branches, checks and runs can share one instance per constraints object.
 */
import type fc from 'fast-check';

/**
 * Wraps an arbitrary builder so that equal constraints (by their JSON) return the same instance.
 * @param build - the builder; its constraints must be JSON data
 */
export function memoized<C, T>(build: (constraints: C) => fc.Arbitrary<T>): (constraints?: C) => fc.Arbitrary<T> {
  const cache = new Map<string, fc.Arbitrary<T>>();
  return (constraints?: C) => {
    const key = constraints === undefined ? '' : JSON.stringify(constraints);
    let arb = cache.get(key);
    if (arb === undefined) {
      arb = build(constraints as C);
      cache.set(key, arb);
    }
    return arb;
  };
}
