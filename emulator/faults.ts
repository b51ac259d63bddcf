/** The active faults: counted ("the next N"), used up one at a time, and counted again once injected. */
import type { Faults, InjectedFault } from './types.ts';

type Counted = 'throttleTrigger' | 'lambdaTooManyRequests' | 'dropConnections' | 'dropResponses';

/** The faults of a running emulator. */
export class FaultBox {
  private left: { -readonly [K in keyof Faults]: Faults[K] } = {};
  readonly injected: Record<InjectedFault, number> = {
    throttleTrigger: 0,
    delayTrigger: 0,
    lambdaTooManyRequests: 0,
    dropConnections: 0,
    dropResponses: 0,
  };

  constructor(initial: Faults = {}) {
    this.set(initial);
  }

  /** Replaces every fault. */
  set(f: Faults): void {
    this.left = { ...f };
  }

  /**
   * Uses up one fault of a counted kind; true when it applies to this request.
   * @param kind - the fault
   * @param operation - for the drop faults, the request's operation (matched against `dropOperation`)
   */
  take(kind: Counted, operation?: string): boolean {
    const n = this.left[kind] ?? 0;
    if (n <= 0) return false;
    const only = this.left.dropOperation;
    if ((kind === 'dropConnections' || kind === 'dropResponses') && only !== undefined && only !== operation)
      return false;
    this.left[kind] = n - 1;
    this.injected[kind]++;
    return true;
  }

  /** The delay to add to this Sync Trigger's reply, in ms (0 for none), using up one of `delayTriggerCount`. */
  takeDelay(): number {
    const ms = this.left.delayTriggerMs ?? 0;
    if (ms <= 0) return 0;
    const count = this.left.delayTriggerCount;
    if (count !== undefined) {
      if (count <= 0) return 0;
      this.left.delayTriggerCount = count - 1;
    }
    this.injected.delayTrigger++;
    return ms;
  }
}
