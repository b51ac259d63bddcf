/**
 * The invocation context a Node Lambda handler receives, minus the completion methods (see `runtime.ts`): the
 * fields the RIC copies from the environment and the invoke headers. Values are strings where Lambda's are (the
 * memory size comes from an environment variable).
 */
import { randomBytes } from 'node:crypto';
import type { HostConfig } from './protocol.ts';

/** The context fields every runtime profile provides. */
export interface ContextFields {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  /** Cognito Identity of the caller; Cognito Sync invokes the trigger as a service, so none. */
  readonly identity: undefined;
  /** Mobile SDK client context; none for a trigger. */
  readonly clientContext: undefined;
  getRemainingTimeInMillis(): number;
}

/** A log stream name as Lambda makes them: one per execution environment (`2024/05/01/[$LATEST]<hex>`). */
export function logStreamName(now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
}

/**
 * The context fields of one invocation. The remaining time counts down from the function timeout (the 5 s Cognito
 * budget), starting now.
 * @param config - the host configuration
 * @param requestId - this invocation's request id
 * @param stream - this execution environment's log stream
 */
export function contextFields(config: HostConfig, requestId: string, stream: string): ContextFields {
  const deadline = Date.now() + config.functionTimeoutMs;
  return {
    functionName: config.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${config.region}:${config.accountId}:function:${config.functionName}`,
    memoryLimitInMB: String(config.memoryLimitMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${config.functionName}`,
    logStreamName: stream,
    identity: undefined,
    clientContext: undefined,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}
