/** Parsers of CLI option values; each throws a `HarnessError('E_OPTION')` that says what is wrong. */
import { HarnessError } from '../runtime/errors.ts';

/** `30s`, `2m`, `1500ms`, `1h` or plain seconds → milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new HarnessError('E_OPTION', `invalid duration "${text}" (examples: 30s, 2m, 1500ms)`);
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return Math.round(n * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000));
}

/** A positive integer. */
export function parseCount(name: string): (text: string) => number {
  return (text) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n <= 0)
      throw new HarnessError('E_OPTION', `${name} must be a positive whole number, got "${text}"`);
    return n;
  };
}

/** A percentage, 0 to 100. */
export function parsePercent(name: string): (text: string) => number {
  return (text) => {
    const n = Number(text.trim().replace(/%$/, ''));
    if (!text.trim() || !Number.isFinite(n) || n < 0 || n > 100)
      throw new HarnessError('E_OPTION', `${name} must be a percentage from 0 to 100, got "${text}"`);
    return n;
  };
}

/** Any 32-bit integer seed. */
export function parseSeed(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || Math.abs(n) > 2 ** 31)
    throw new HarnessError('E_OPTION', `--seed must be a whole number, got "${text}"`);
  return n;
}

/** Comma-separated lists, repeatable. */
export function collectList(text: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
}

/** `point=reading`, repeatable, into a record. */
export function collectReading(text: string, previous: Record<string, string> = {}): Record<string, string> {
  const i = text.indexOf('=');
  if (i <= 0)
    throw new HarnessError('E_OPTION', `--reading takes point=reading, got "${text}" (see docs/semantics.md)`);
  return { ...previous, [text.slice(0, i)]: text.slice(i + 1) };
}

/** `KEY=VALUE` for the handler's environment, repeatable, into a record (the value may hold `=`). */
export function collectEnv(text: string, previous: Record<string, string> = {}): Record<string, string> {
  const i = text.indexOf('=');
  if (i <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(text.slice(0, i)))
    throw new HarnessError('E_OPTION', `--env takes KEY=VALUE with a variable name as KEY, got "${text}"`);
  return { ...previous, [text.slice(0, i)]: text.slice(i + 1) };
}

/**
 * `i/n`: shard i of n, both whole numbers, 1 ≤ i ≤ n (the count is checked against the selected checks later).
 * @throws HarnessError `E_SHARD` for anything else (`0/2`, `3/2`, `a/b`, `2`)
 */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count)
    throw new HarnessError(
      'E_SHARD',
      `--shard takes i/n, shard i of n counted from 1 (1/2 and 2/2 for two shards), got "${text}"`,
    );
  return { index, count };
}
