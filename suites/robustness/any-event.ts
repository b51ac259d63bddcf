/** The handler replies to every valid event. */
import { robustnessCheck } from '../_shared/robustnessCheck.ts';

export default robustnessCheck({
  id: 'robustness/any-event',
  title: 'Replies to every valid event (no throw, no crash, no missing reply)',
  description:
    "Any throw, rejected promise, `callback(err)`, `context.fail`, crash or missing reply fails the whole UpdateRecords with InvalidLambdaFunctionOutputException: the user cannot sync at all. Events are drawn across every input class at the generators' default bias.",
});
