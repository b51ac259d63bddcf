/** Adversarial handler replies, for testing the model and the suites' own checks (CONTRACT.md §2, §3, §7). */
import fc from 'fast-check';
import { isJsonObject, toLambdaJson, type SyncTriggerEvent } from '../model/index.ts';
import { applyMutation } from './_internal/applyMutation.ts';
import { constraintsObject, enumListField } from './_internal/constraints.ts';
import { REPLY_MUTATION_LABELS, REPLY_MUTATIONS, type ReplyMutation } from './_internal/replyMutations.ts';

/** Constraints of {@link adversarialReply}. */
export interface AdversarialReplyConstraints {
  /** The event the reply answers. Required. */
  readonly event: SyncTriggerEvent;
  /**
   * The mutations to draw from (labels of `REPLY_MUTATIONS`); must be non-empty.
   * @defaultValue every mutation
   */
  readonly mutations?: readonly ReplyMutation[];
}

/** A mutated reply: the JSON Lambda would send, which mutation made it, and its verdict under the defaults. */
export interface AdversarialReply {
  readonly replyJson: string;
  readonly mutation: ReplyMutation;
  /** The verdict the contract gives under the default readings, for an event far from the limits. */
  readonly expected: 'accepted' | 'rejected';
}

/**
 * A reply that echoes `event` with one mutation: wrong top-level types (null, string, array, number), read-only
 * fields changed, dropped, `undefined` or `null` (`version: "2"`), extra top-level fields, `datasetRecords`
 * missing/null/array/string/empty, record entries null/string/array/number/dropped, `op` missing/invalid/
 * `"REPLACE"`, `newValue` missing/number/boolean/object/null/`Date`, keys empty or over 1,024 characters, limits
 * broken. The reply is serialized as Lambda does (`JSON.stringify`: `Date` → ISO string, `undefined` dropped), so
 * `replyJson` is what Cognito reads. Shrinks toward the first mutation of the list.
 * @param constraints - see {@link AdversarialReplyConstraints}
 * @example
 * fc.assert(fc.property(adversarialReply({ event }), (r) => judge(event, r.replyJson).status === r.expected));
 */
export function adversarialReply(constraints: AdversarialReplyConstraints): fc.Arbitrary<AdversarialReply> {
  const c = constraintsObject('adversarialReply', constraints);
  if (!isJsonObject(c.event) || !isJsonObject(c.event.datasetRecords))
    throw new TypeError('adversarialReply: event must be a Sync Trigger event');
  const event = c.event as unknown as SyncTriggerEvent;
  const mutations =
    c.mutations === undefined
      ? REPLY_MUTATION_LABELS
      : enumListField('adversarialReply', 'mutations', c.mutations, REPLY_MUTATION_LABELS);
  if (mutations.length === 0) throw new RangeError('adversarialReply: mutations must name at least one mutation');
  return fc.tuple(fc.constantFrom(...mutations), fc.nat(), fc.nat({ max: 7 })).map(([mutation, pick, variant]) => {
    const serialized = toLambdaJson(applyMutation(event, mutation, pick, variant));
    // Nothing here builds a cycle or a BigInt, so serialization cannot fail; keep the type honest anyway.
    const replyJson = serialized.ok ? serialized.json : 'null';
    return { replyJson, mutation, expected: REPLY_MUTATIONS[mutation] };
  });
}
