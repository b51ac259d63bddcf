/**
 * AWS SDK failures explained as harness errors: which of the user's settings to look at (credentials, region,
 * endpoint, the name of the resource), with the service's own words, never with a stack trace or a secret.
 */
import { HarnessError, type HarnessErrorCode } from '../errors.ts';
import { redactSecrets } from '../secrets.ts';

/** What an SDK error may carry. */
export interface SdkError {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly attempts?: number };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
]);

/** Errors that mean the credentials were refused or are missing. */
const CREDENTIAL_ERRORS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'InvalidClientTokenId',
  'ExpiredTokenException',
  'ExpiredToken',
  'AccessDeniedException',
  'AccessDenied',
  'NotAuthorizedException',
  'CredentialsProviderError',
]);

/** True when the request never got an answer from a server (refused, unresolved, reset, timed out). */
export function isNetworkError(e: unknown): boolean {
  const err = e as SdkError | undefined;
  if (err?.$metadata?.httpStatusCode !== undefined) return false;
  return (
    NETWORK_CODES.has(err?.code ?? '') ||
    err?.name === 'TimeoutError' ||
    /ECONNREFUSED|ENOTFOUND|ECONNRESET|EAI_AGAIN|socket hang up/.test(err?.message ?? '')
  );
}

/**
 * Explains an SDK error as a `HarnessError` without any secret in it.
 * @param what - what was being done (`cannot reach the Lambda function f`)
 * @param e - the error
 * @param notFound - the code for a `ResourceNotFoundException` (`E_NOT_FOUND` when a name the user gave is wrong)
 *   @defaultValue 'E_AWS'
 */
export function awsProblem(what: string, e: unknown, notFound: HarnessErrorCode = 'E_AWS'): HarnessError {
  if (e instanceof HarnessError) return e;
  const err = (e ?? {}) as SdkError;
  const name = err.name ?? 'Error';
  const status = err.$metadata?.httpStatusCode;
  const said = `${name}${status !== undefined ? ` (HTTP ${String(status)})` : ''}: ${err.message ?? String(e)}`;
  let code: HarnessErrorCode = 'E_AWS';
  let hint = '';
  if (isNetworkError(e)) {
    code = 'E_ENDPOINT';
    hint = ' — check --endpoint-url / AWS_ENDPOINT_URL and the network';
  } else if (/region is missing/i.test(err.message ?? '')) {
    code = 'E_REGION';
    hint = ' — pass --region or set AWS_REGION';
  } else if (name === 'CredentialsProviderError' || /could not load credentials/i.test(err.message ?? '')) {
    hint = ' — set AWS_PROFILE (or --profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';
  } else if (CREDENTIAL_ERRORS.has(name)) {
    hint = ' — the credentials were refused: check AWS_PROFILE / --profile, their permissions and the region';
  } else if (name === 'ResourceNotFoundException') {
    code = notFound;
  }
  // No `cause`: an SDK error can hold the signed request, and a cause is printed by inspection.
  return new HarnessError(code, redactSecrets(`${what}: ${said}${hint}`));
}
