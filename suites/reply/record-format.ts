/** Every reply record is an object with op replace/remove and newValue a string or null. */
import { formatCheck } from '../_shared/formatCheck.ts';

export default formatCheck({
  id: 'reply/record-format',
  title: 'Every record is {newValue: string | null, op: "replace" | "remove"}',
  part: 'record',
  clause: '§2',
  description:
    'Records in the reply use the event format: `op` is "replace" or "remove", `newValue` a string or null, keys non-empty. Numbers, booleans and objects as values, missing or misspelt ops, and record entries that are not objects are outside the documented format; Cognito\'s handling of them is undocumented (see docs/semantics.md). A null entry the event itself carried and the reply echoes is not counted here.',
});
