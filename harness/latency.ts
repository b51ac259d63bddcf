/** Latency statistics of the handler's replies during one check. */
import type { InvocationOutcome } from '../runtime/invoker.ts';
import type { LatencyStats } from './result.ts';

const quantile = (sorted: readonly number[], q: number): number =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0) : 0;

/** Collects reply times; cold starts are counted apart and left out of the percentiles when warm ones exist. */
export class LatencyRecorder {
  private readonly warm: number[] = [];
  private readonly cold: number[] = [];

  /** Records one invocation. */
  record(o: InvocationOutcome): void {
    (o.coldStart ? this.cold : this.warm).push(o.ms);
  }

  /** The statistics so far, or undefined when nothing was recorded. */
  stats(): LatencyStats | undefined {
    const all = this.warm.length ? this.warm : this.cold;
    if (!all.length) return undefined;
    const sorted = [...all].sort((a, b) => a - b);
    const round = (n: number): number => Math.round(n * 100) / 100;
    return {
      count: this.warm.length + this.cold.length,
      min: round(sorted[0] ?? 0),
      p50: round(quantile(sorted, 0.5)),
      p90: round(quantile(sorted, 0.9)),
      p99: round(quantile(sorted, 0.99)),
      max: round(Math.max(...sorted, ...this.cold)),
      coldStarts: this.cold.length,
      ...(this.cold.length ? { coldMs: round(Math.max(...this.cold)) } : {}),
    };
  }
}
