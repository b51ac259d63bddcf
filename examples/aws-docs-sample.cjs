// The sample from the AWS documentation ("Amazon Cognito Events"), as published. It writes properties after an
// `in` test, so a null record entry (amazon-cognito-js#61) makes it throw; see the README for what the suite finds.
exports.handler = function (event, context) {
  if (event.eventType === 'SyncTrigger') {
    if ('SampleKey1' in event.datasetRecords) {
      event.datasetRecords.SampleKey1.newValue = 'ModifyValue1';
      event.datasetRecords.SampleKey1.op = 'replace';
    }
    if ('SampleKey2' in event.datasetRecords) {
      event.datasetRecords.SampleKey2.op = 'remove';
    }
    if (!('SampleKey3' in event.datasetRecords)) {
      event.datasetRecords.SampleKey3 = { newValue: 'ModifyValue3', op: 'replace' };
    }
  }
  context.done(null, event);
};
