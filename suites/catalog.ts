/**
 * Every built-in check, in the order they run and are reported. A meta-test proves every check file is listed
 * here and that each id equals its path.
 */
import type { Check } from './check.ts';
import dataNoDroppedChanges from './data/no-dropped-changes.ts';
import dataUserRemovalsKept from './data/user-removals-kept.ts';
import idempotencyNoChurn from './idempotency/no-churn.ts';
import idempotencyRetry from './idempotency/retry.ts';
import limitsWithinLimits from './limits/within-limits.ts';
import replyReadOnlyFields from './reply/read-only-fields.ts';
import replyRecordFormat from './reply/record-format.ts';
import replyShape from './reply/shape.ts';
import robustnessAnyEvent from './robustness/any-event.ts';
import robustnessEmptyDataset from './robustness/empty-dataset.ts';
import robustnessMaxRecords from './robustness/max-records.ts';
import robustnessNearSizeLimit from './robustness/near-size-limit.ts';
import robustnessNullEntries from './robustness/null-entries.ts';
import robustnessRemovedRecords from './robustness/removed-records.ts';
import robustnessUnusualKeys from './robustness/unusual-keys.ts';
import runtimeStyleSupported from './runtime/style-supported.ts';
import sessionsConverge from './sessions/converge.ts';
import sessionsDeletesStayDeleted from './sessions/deletes-stay-deleted.ts';
import sessionsNoChurnAcrossDevices from './sessions/no-churn-across-devices.ts';
import sessionsNoConflictLoop from './sessions/no-conflict-loop.ts';
import sessionsRetrySafe from './sessions/retry-safe.ts';
import semanticsUndocumentedReading from './semantics/undocumented-reading.ts';
import timingDeadline from './timing/deadline.ts';
import timingMargin from './timing/margin.ts';

/** The built-in checks. */
export const CATALOG: readonly Check[] = [
  runtimeStyleSupported,
  replyShape,
  replyReadOnlyFields,
  replyRecordFormat,
  robustnessAnyEvent,
  robustnessNullEntries,
  robustnessRemovedRecords,
  robustnessEmptyDataset,
  robustnessMaxRecords,
  robustnessNearSizeLimit,
  robustnessUnusualKeys,
  timingDeadline,
  limitsWithinLimits,
  timingMargin,
  semanticsUndocumentedReading,
  dataNoDroppedChanges,
  dataUserRemovalsKept,
  idempotencyRetry,
  idempotencyNoChurn,
  sessionsConverge,
  sessionsNoConflictLoop,
  sessionsNoChurnAcrossDevices,
  sessionsDeletesStayDeleted,
  sessionsRetrySafe,
];

/** Looks up a built-in check by id. */
export function checkById(id: string): Check | undefined {
  return CATALOG.find((c) => c.id === id);
}
