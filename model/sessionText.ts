/** One-line wordings of session events for the timeline (plain text; renderers escape it). */
import type { UpdateRequest, UpdateResult } from './dataset.ts';
import { has, isJsonObject } from './dict.ts';
import type { LambdaResult } from './judge.ts';
import type { ListRecordsResult } from './listRecords.ts';
import type { MergeConflict } from './sessionDevice.ts';
import type { StoredRecord } from './types.ts';

const q = (v: string | null): string => (v === null ? 'null' : JSON.stringify(v));
const rec = (r: StoredRecord): string => `${r.key}=${q(r.value)}@${String(r.syncCount)}`;

/** A ListRecords answer. */
export function listText(since: number, r: ListRecordsResult): string {
  if (!r.ok) return `ListRecords(since ${String(since)}) → ${r.error.name}`;
  const recs = r.records.map(rec).join(', ');
  return `ListRecords(since ${String(since)}) → SyncCount ${String(r.datasetSyncCount)}${recs ? `: ${recs}` : ', nothing new'}`;
}

/** An UpdateRecords request with the SyncCount each patch carries. */
export function updateText(req: UpdateRequest, resend: boolean): string {
  const ps = req.patches.map((p) =>
    p.op === 'remove'
      ? `remove ${p.key}@${String(p.syncCount)}`
      : `replace ${p.key}=${q(p.value ?? null)}@${String(p.syncCount)}`,
  );
  return `${resend ? 'resend ' : ''}UpdateRecords [${ps.join(', ')}]`;
}

/** The reply's records alone when it reads as an event (the other fields are the event's), else the raw text. */
function shownReply(json: string): string {
  try {
    const v: unknown = JSON.parse(json);
    if (isJsonObject(v) && has(v, 'datasetRecords')) return `datasetRecords ${JSON.stringify(v.datasetRecords)}`;
  } catch {
    // Not JSON: the raw text is what the service got.
  }
  return json;
}

/** The trigger's reply. */
export function replyText(r: LambdaResult): string {
  if (r.kind === 'reply') return `reply ${shownReply(r.json)}`;
  if (r.kind === 'error') return `error ${r.errorType}: ${r.errorMessage}`;
  return `timed out after ${String(r.ms)} ms`;
}

/** The service's answer to an UpdateRecords. */
export function answerText(r: UpdateResult, heard: boolean): string {
  const lost = heard ? '' : ' (answer lost: the device never hears it)';
  if (!r.ok) return `${r.error.name}: ${r.error.message}${lost}`;
  const recs = r.records.map(rec).join(', ');
  return `ok, written: ${recs || 'nothing'}${lost}`;
}

/** A conflict and its resolution. */
export function conflictText(c: MergeConflict): string {
  return `conflict on ${c.key}: local ${q(c.local)}, remote ${q(c.remote)}`;
}
