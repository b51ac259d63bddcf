/** What the request handlers share: state, functions, readings, faults, counters, and a way to wait that close ends. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Readings } from '../model/index.ts';
import type { FaultBox } from './faults.ts';
import type { Functions } from './functions.ts';
import type { EmulatorState } from './state.ts';
import type { DeviantOptions } from './types.ts';

/** Request and invocation counters. */
export class Counters {
  readonly requests: Record<string, number> = {};
  triggers = 0;
  lambdas = 0;

  request(op: string): void {
    this.requests[op] = (this.requests[op] ?? 0) + 1;
  }
}

/** Runs tasks one at a time per key (UpdateRecords per dataset: the trigger runs between reading and writing). */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/** The shared context of one emulator. */
export interface EmulatorContext {
  readonly region: string;
  readonly state: EmulatorState;
  readonly functions: Functions;
  readonly readings: Readings;
  readonly deviant: DeviantOptions;
  readonly faults: FaultBox;
  readonly counters: Counters;
  readonly locks: KeyedLock;
  readonly log: (line: string) => void;
  /** Aborted by close: every wait of the emulator ends with it. */
  readonly closing: AbortSignal;
  /** Resolves once every change so far is on disk (at once without a state file); awaited before each answer. */
  readonly durable: () => Promise<void>;
}

/**
 * Waits `ms`, or less when `until` settles first or the emulator closes.
 * @returns true when the full time passed
 */
export async function wait(ctx: EmulatorContext, ms: number, until?: Promise<unknown>): Promise<boolean> {
  if (ctx.closing.aborted) return false;
  const stop = new AbortController();
  const onClose = (): void => {
    stop.abort();
  };
  ctx.closing.addEventListener('abort', onClose);
  try {
    const timer = sleep(ms, true, { signal: stop.signal }).catch(() => false);
    const other = until?.then(
      () => false,
      () => false,
    );
    return await Promise.race(other ? [timer, other] : [timer]);
  } finally {
    stop.abort();
    ctx.closing.removeEventListener('abort', onClose);
  }
}
