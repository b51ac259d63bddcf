/** Errors Cognito Sync raises around the trigger, with their HTTP statuses (CONTRACT.md §2, §4, §5). */

/** Status of each service error the model can raise. */
export const SERVICE_ERROR_STATUS = {
  InvalidLambdaFunctionOutputException: 400,
  /** The default reading of `service.socketTimeoutStatus`. */
  LambdaSocketTimeoutException: 400,
  LimitExceededException: 400,
  InvalidParameterException: 400,
  ResourceConflictException: 409,
  LambdaThrottledException: 429,
  TooManyRequestsException: 429,
  NotAuthorizedException: 403,
  ResourceNotFoundException: 404,
  InternalErrorException: 500,
} as const;

/** A service error name. */
export type ServiceErrorName = keyof typeof SERVICE_ERROR_STATUS;

/** An error as the service returns it. */
export interface ServiceError {
  readonly name: ServiceErrorName;
  readonly status: number;
  readonly message: string;
}

/**
 * Builds a service error with its status.
 * @param name - the error
 * @param message - its message
 * @param status - the HTTP status, where a reading decides it @defaultValue the status of {@link SERVICE_ERROR_STATUS}
 */
export function serviceError(name: ServiceErrorName, message: string, status?: number): ServiceError {
  return { name, status: status ?? SERVICE_ERROR_STATUS[name], message };
}

/** The real conflict message format [OBS]: `Current SyncCount for: <key> is: <server> not: <sent>`. */
export function conflictMessage(key: string, server: number, sent: number): string {
  return `Current SyncCount for: ${key} is: ${server} not: ${sent}`;
}
