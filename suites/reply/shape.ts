/** The reply is the event object: a JSON object with a `datasetRecords` object. */
import { formatCheck } from '../_shared/formatCheck.ts';

export default formatCheck({
  id: 'reply/shape',
  title: 'The reply is the event object with a datasetRecords object',
  part: 'shape',
  clause: '§2',
  description:
    'Cognito Sync expects the reply in the same format as the event. A reply of null, a string, a list, a database result, or an object without a `datasetRecords` object is invalid output (InvalidLambdaFunctionOutputException) and the whole update fails. Judged on the JSON Lambda sends.',
});
