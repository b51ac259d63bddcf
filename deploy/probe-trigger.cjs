// The probe Sync Trigger of `cognito-sync-conformance probe`, deployed by deploy/stack.yaml (inline, as index.js) as
// the Sync Trigger of the probe pool. The prober steers it with the record "csc-probe" of the user's patches:
//   "record"          echo the event, and store what the event looked like in the record "csc-probe-event";
//   "reply:<point>"   echo the event, shaped for one reply point on the record "k" (see live/probes.ts).
// Plain CommonJS without dependencies: it runs on nodejs18.x to nodejs24.x, inline or from a file.
exports.handler = async (event) => {
  const records = event.datasetRecords || {};
  const probe = records['csc-probe'];
  const mode = probe && typeof probe.newValue === 'string' ? probe.newValue : '';
  if (mode === 'record') {
    const seen = {};
    for (const [key, entry] of Object.entries(records)) if (!key.startsWith('csc-probe')) seen[key] = entry;
    records['csc-probe-event'] = { newValue: JSON.stringify(seen), op: 'replace' };
    return event;
  }
  const k = records.k;
  switch (mode) {
    case 'reply:invalid':
      return null;
    case 'reply:reply.opMissing':
      records.k = { oldValue: k && k.oldValue, newValue: 'probe' };
      return event;
    case 'reply:reply.opInvalid':
      records.k = { ...k, newValue: 'probe', op: 'upsert' };
      return event;
    case 'reply:reply.replaceWithoutValue':
      records.k = { op: 'replace' };
      return event;
    case 'reply:reply.nullEntry':
      records.k = null;
      return event;
    case 'reply:reply.nonStringValue':
      records.k = { ...k, newValue: 42, op: 'replace' };
      return event;
    case 'reply:reply.extraTopLevelField':
      return { ...event, probe: true };
    case 'reply:reply.datasetRecordsMissing': {
      const reply = { ...event };
      delete reply.datasetRecords;
      return reply;
    }
    case 'reply:reply.replaceSameValue':
      records.k = { ...k, newValue: k && k.oldValue, op: 'replace' };
      return event;
    default:
      return event;
  }
};
