/** The shape of the registry of undocumented points (`registry.ts` holds the data). */

/** One plausible answer to an undocumented point. */
export interface Reading {
  readonly id: string;
  readonly summary: string;
}

/** One undocumented point of the contract. */
export interface OpenPoint {
  /** Stable id, `area.name`. */
  readonly id: string;
  /** The CONTRACT.md clause it belongs to. */
  readonly clause: string;
  /** Who the point concerns: how the event is built, how the reply is read, or the service around the trigger. */
  readonly area: 'event' | 'reply' | 'service';
  readonly question: string;
  /** The readings; the first is the default. */
  readonly readings: readonly [Reading, ...Reading[]];
  readonly sources: readonly string[];
  /** Why the default is the default: the observation or document it follows, or why nothing decides it. */
  readonly why: string;
}

/**
 * Declares a point, keeping its literal ids for the types derived from the registry.
 * @param p - the point
 */
export const point = <const P extends OpenPoint>(p: P): P => p;
