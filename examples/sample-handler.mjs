// The sample from the AWS documentation ("Amazon Cognito Events"): rewrite one key, remove one, add one —
// with the guards the original lacks (a null entry, the dataset limits), so that it conforms.
const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const bytes = (s) => Buffer.byteLength(s, 'utf8');

function canAdd(records, key, value) {
  let count = 0;
  let size = bytes(key) + bytes(value);
  for (const [k, r] of Object.entries(records)) {
    const live = r && r.op !== 'remove' && typeof r.newValue === 'string';
    size += bytes(k) + (live ? bytes(r.newValue) : 0);
    if (live) count++;
  }
  return count < 1024 && size <= 1024 * 1024;
}

export const handler = async (event) => {
  if (event.eventType !== 'SyncTrigger') return event;
  const records = event.datasetRecords;
  // Modify the value of a key (unless the user removed it: that would bring it back on every device).
  if (has(records, 'SampleKey1') && records.SampleKey1 && records.SampleKey1.op !== 'remove') {
    records.SampleKey1.newValue = 'ModifyValue1';
    records.SampleKey1.op = 'replace';
  }
  // Remove a key.
  if (has(records, 'SampleKey2') && records.SampleKey2) records.SampleKey2.op = 'remove';
  // Add a key, as part of a change the user made: on a sync with no change the record may be one the user removed
  // (its tombstone is not in the event), and writing it back would undo the removal on every device.
  const changed = Object.values(records).some((r) => r && r.op === 'replace' && r.newValue !== r.oldValue);
  if (changed && !has(records, 'SampleKey3') && canAdd(records, 'SampleKey3', 'ModifyValue3')) {
    records.SampleKey3 = { newValue: 'ModifyValue3', op: 'replace' };
  }
  return event;
};
