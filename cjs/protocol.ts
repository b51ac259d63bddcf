/**
 * Messages between the CommonJS entry (`index.cts`) and its worker (`worker.ts`): plain data, as worker messages
 * are structured clones.
 */

/** The library functions the CommonJS entry runs in its worker. */
export type CjsFunction = 'checkConformance' | 'replayCase' | 'replaySeed' | 'failureText' | 'expandReport';

/** What the entry hands its worker. */
export interface CjsCall {
  readonly fn: CjsFunction;
  readonly args: readonly unknown[];
  /** Forward run events and warnings as `event`/`warning` messages (the listeners stay in the caller's thread). */
  readonly listen: { readonly events: boolean; readonly warnings: boolean };
}

/** What the entry posts its worker during a call: the caller's `signal` aborted (its reason, when a string). */
export interface CjsStop {
  readonly type: 'stop';
  readonly reason?: string;
}

/** What the worker posts back. */
export type CjsMessage =
  | { readonly type: 'event'; readonly event: unknown }
  | { readonly type: 'warning'; readonly message: string }
  | { readonly type: 'result'; readonly value: unknown }
  | {
      readonly type: 'error';
      readonly error: {
        readonly name: string;
        readonly message: string;
        readonly code?: string;
        readonly stack?: string;
      };
    };
