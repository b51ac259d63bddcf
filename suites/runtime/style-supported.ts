/** The handler's style (async, callback, context.done) is supported by the chosen runtime profile. */
import fc from 'fast-check';
import { buildEvent, emptyDataset } from '../../model/index.ts';
import { noEvidence } from '../_shared/caseRun.ts';
import { defineCheck } from '../check.ts';

const IDENTITY = {
  region: 'us-east-1',
  identityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000001',
  identityId: 'us-east-1:00000000-0000-4000-8000-000000000002',
};
/**
 * A minimal valid event: the first sync of one record, on the run's pinned dataset name (`--dataset-name`) if any.
 * @param datasetName - the pinned dataset name
 */
const probeEvent = (datasetName = 'style_probe'): ReturnType<typeof buildEvent> =>
  buildEvent(emptyDataset(IDENTITY, datasetName), [{ op: 'replace', key: 'k', value: 'v', syncCount: 0 }], IDENTITY);
const EVENT = probeEvent();
const LEGACY_COMPLETION = /context\.(done|succeed|fail) is not a function/;

export default defineCheck<null>({
  id: 'runtime/style-supported',
  title: 'The handler style is supported by the runtime profile',
  level: 'must',
  basis: 'documented',
  clause: '§6',
  description:
    'nodejs24.x rejects callback-style handlers at init (Runtime.CallbackHandlerDeprecated) and has no context.done/succeed/fail; nodejs18.x–22.x accept every style. A handler written for an older runtime fails every invocation after an upgrade. Choose the profile with `--runtime`.',
  arbitrary: () => fc.constant(null),
  eventOf: () => EVENT,
  once: true,
  async property(_input, ctx) {
    const event = ctx.datasetName === undefined ? EVENT : probeEvent(ctx.datasetName);
    const err = ctx.init.initError;
    if (err) {
      // Every invocation reports the init error, this one included: the same failure as every other check sees.
      const outcome = await ctx.invoke(event);
      return {
        ok: false,
        messages: [
          // A handler of another language (a command, a Lambda runtime) has no Node style: its own runtime failed.
          ctx.init.style === 'unknown'
            ? `the runtime reports an error at init: ${err.errorType}: ${err.errorMessage}`
            : `${ctx.runtime} rejects this ${ctx.init.style} handler at init: ${err.errorType}: ${err.errorMessage}`,
        ],
        evidence: { ...noEvidence(event), invocations: [outcome] },
      };
    }
    const outcome = await ctx.invoke(event);
    if (outcome.kind === 'threw' && LEGACY_COMPLETION.test(outcome.error.errorMessage)) {
      return {
        ok: false,
        messages: [
          `the handler completes with a context method ${ctx.runtime} does not have: ${outcome.error.errorMessage}`,
        ],
        evidence: { ...noEvidence(event), invocations: [outcome] },
      };
    }
    return { ok: true };
  },
});
