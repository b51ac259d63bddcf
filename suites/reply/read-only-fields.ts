/** version, eventType, region, identityPoolId, identityId and datasetName come back unchanged. */
import { formatCheck } from '../_shared/formatCheck.ts';

export default formatCheck({
  id: 'reply/read-only-fields',
  title: 'Read-only fields come back unchanged',
  part: 'read-only',
  clause: '§2',
  description:
    'Only `datasetRecords` may change. Changing or dropping `version`, `eventType`, `region`, `identityPoolId`, `identityId` or `datasetName` makes the update fail. `version` must stay the number 2, not the string "2".',
});
