/**
 * The wire of the emulator: replies, AWS-style errors (read by restJson1 and awsJson1_1 clients alike), JSON bodies,
 * epoch-second timestamps, and the access key of a SigV4 request. Signatures are never verified, never logged.
 */
import type { IncomingMessage } from 'node:http';
import { LAMBDA_PAYLOAD_BYTES, SERVICE_ERROR_STATUS, type ServiceError } from '../model/index.ts';

/** What a handler answers; the server sends it (or, under a fault, drops it). */
export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** The body; none for 202/204. */
  readonly body?: string;
}

/** An error the emulator answers with: status, AWS error name, message. */
export class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = type;
  }
}

/** An `AwsError` from a service error the model raised. */
export function fromServiceError(e: ServiceError): AwsError {
  return new AwsError(e.status, e.name, e.message);
}

/** A service error the model knows by name, with its status. */
export function namedError(name: keyof typeof SERVICE_ERROR_STATUS, message: string): AwsError {
  return new AwsError(SERVICE_ERROR_STATUS[name], name, message);
}

/** No operation at this method and path, or an operation of the real service the emulator does not offer. */
export function unknownOperation(what: string): AwsError {
  return new AwsError(404, 'UnknownOperationException', what);
}

/** A JSON reply. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/**
 * The reply for an error: header `x-amzn-ErrorType` (restJson1 clients read it first) and body
 * `{"__type", "message"}` (awsJson1_1 clients read the body). Never an empty or non-JSON body.
 */
export function errorReply(e: AwsError, contentType = 'application/json'): Reply {
  return {
    status: e.status,
    headers: { 'content-type': contentType, 'x-amzn-errortype': e.type },
    body: JSON.stringify({ __type: e.type, message: e.message, ...e.extra }),
  };
}

/** Reads a request body up to Lambda's 6 MB payload limit; larger → 413 `RequestTooLargeException`. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > LAMBDA_PAYLOAD_BYTES)
      throw new AwsError(413, 'RequestTooLargeException', `Request must be smaller than ${LAMBDA_PAYLOAD_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON request body (empty is `{}`); anything but an object → 400 `SerializationException`. */
export function jsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const v = JSON.parse(body.toString('utf8')) as unknown;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new AwsError(400, 'SerializationException', 'The request body is not a JSON object.');
}

/** Epoch milliseconds as the epoch seconds the SDK deserializers expect (an ISO string makes them throw). */
export const seconds = (ms: number): number => ms / 1000;

/** The access key id of a SigV4-signed request (`Authorization: AWS4-HMAC-SHA256 Credential=AKID/…`), if any. */
export function accessKeyOf(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  const m = typeof auth === 'string' ? /Credential=([^/,\s]+)\//.exec(auth) : null;
  return m?.[1];
}

/** A percent-decoded path label; bad encoding → 400 `InvalidParameterException`. */
export function label(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw namedError('InvalidParameterException', 'A path parameter is not valid percent-encoding.');
  }
}
