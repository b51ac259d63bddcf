/**
 * The wire of the emulator: AWS-style errors (restJson1 and awsJson1_1), JSON bodies, epoch-second timestamps, the
 * access key of a SigV4 request. Signatures are never verified, never logged.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SERVICE_ERROR_STATUS, type ServiceError } from '../model/index.ts';

/** An error the emulator answers with (status, AWS error name, message). */
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

/** An AwsError from a model service error. */
export function fromServiceError(e: ServiceError): AwsError {
  return new AwsError(e.status, e.name, e.message);
}

/** A service error name the model knows, with its status. */
export function namedError(name: keyof typeof SERVICE_ERROR_STATUS, message: string): AwsError {
  return new AwsError(SERVICE_ERROR_STATUS[name], name, message);
}

/** Request bodies are read up to this size (Lambda's synchronous payload limit is 6 MB). */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

/** Reads a request body; too large → 413 RequestTooLargeException. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      throw new AwsError(413, 'RequestTooLargeException', 'Request must be smaller than 6291456 bytes');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON request body (empty is `{}`); anything else → 400 SerializationException. */
export function jsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const v = JSON.parse(body.toString('utf8')) as unknown;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new AwsError(400, 'SerializationException', 'the request body is not a JSON object');
}

/** Sends JSON with a status. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Sends an AWS error: `x-amzn-ErrorType` header and `{__type, message}` body, read by both protocols. */
export function sendError(res: ServerResponse, e: AwsError, contentType = 'application/json'): void {
  const text = JSON.stringify({ __type: e.type, message: e.message, ...e.extra });
  res.writeHead(e.status, {
    'content-type': contentType,
    'x-amzn-errortype': e.type,
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Epoch milliseconds as the epoch seconds the SDK's deserializers expect. */
export const seconds = (ms: number): number => ms / 1000;

/** The access key id of a SigV4-signed request, if any (`Authorization: AWS4-HMAC-SHA256 Credential=AKID/…`). */
export function accessKeyOf(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  const m = typeof auth === 'string' ? /Credential=([^/,\s]+)\//.exec(auth) : null;
  return m?.[1];
}
