/**
 * Mutations of an echo reply (CONTRACT.md §2, §3, §7): each one a bug class of real handlers or a corner of the
 * reply format, with the verdict the contract gives it under the default readings. Internal to
 * `adversarialReply`; the table is public so tests of the model can enumerate it.
 */
import { READ_ONLY_FIELDS, type ReadOnlyField } from '../../model/index.ts';

/** The verdicts under default readings, for an event built under default readings and far from the limits. */
const WHOLE_REPLY = {
  'reply-null': 'rejected',
  'reply-undefined': 'rejected',
  'reply-string': 'rejected',
  'reply-array': 'rejected',
  'reply-number': 'rejected',
  'reply-boolean': 'rejected',
  'reply-empty-object': 'rejected',
  'lambda-proxy-response': 'rejected',
  'records-only': 'rejected',
  'version-string': 'rejected',
  'extra-field': 'accepted',
  'records-missing': 'rejected',
  'records-undefined': 'rejected',
  'records-null': 'rejected',
  'records-array': 'rejected',
  'records-string': 'rejected',
  'records-empty': 'accepted',
} as const;

const ENTRY = {
  'entry-null': 'accepted',
  'entry-string': 'rejected',
  'entry-array': 'rejected',
  'entry-number': 'rejected',
  'entry-boolean': 'rejected',
  'entry-empty-object': 'rejected',
  'entry-undefined': 'accepted',
  'entry-deleted': 'accepted',
  'op-missing': 'rejected',
  'op-invalid': 'rejected',
  'op-uppercase': 'rejected',
  'op-null': 'rejected',
  'newValue-missing': 'rejected',
  'newValue-undefined': 'rejected',
  'newValue-number': 'rejected',
  'newValue-boolean': 'rejected',
  'newValue-object': 'rejected',
  'newValue-array': 'rejected',
  'newValue-null': 'accepted',
  'newValue-date': 'accepted',
  'newValue-changed': 'accepted',
  'remove-by-op': 'accepted',
  'key-empty': 'rejected',
  'key-over-1024': 'rejected',
  'key-1024': 'accepted',
  'key-proto-added': 'accepted',
  'key-added': 'accepted',
  'records-over-limit': 'rejected',
  'value-over-limit': 'rejected',
} as const;

/** What is done to a read-only field. */
export type FieldMutationKind = 'changed' | 'missing' | 'undefined' | 'null';

/** A mutation of a read-only field, e.g. `changed:identityId`. */
export type FieldMutation = `${FieldMutationKind}:${ReadOnlyField}`;

/** Every mutation label. */
export type ReplyMutation = keyof typeof WHOLE_REPLY | keyof typeof ENTRY | FieldMutation;

const FIELD: Record<FieldMutation, 'rejected'> = Object.fromEntries(
  READ_ONLY_FIELDS.flatMap((f) =>
    (['changed', 'missing', 'undefined', 'null'] as const).map((k) => [`${k}:${f}`, 'rejected']),
  ),
) as Record<FieldMutation, 'rejected'>;

/**
 * Each mutation with its verdict under the default readings, for an event built under the default readings and
 * far from the limits (a mutation that adds a record can push a full dataset over them).
 */
export const REPLY_MUTATIONS: Readonly<Record<ReplyMutation, 'accepted' | 'rejected'>> = {
  ...WHOLE_REPLY,
  ...FIELD,
  ...ENTRY,
};

/** Every mutation label, in table order. */
export const REPLY_MUTATION_LABELS = Object.keys(REPLY_MUTATIONS) as ReplyMutation[];

/** Labels that act on one record entry (the others act on the whole reply or a read-only field). */
export const isEntryMutation = (m: ReplyMutation): m is keyof typeof ENTRY => m in ENTRY;
