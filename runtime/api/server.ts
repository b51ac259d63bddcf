/**
 * The Lambda Runtime API (version 2018-06-01) for one runtime process, on loopback: `GET …/invocation/next` hands
 * over the next event with the documented headers, `POST …/invocation/{id}/response` and `…/{id}/error` answer it,
 * `POST …/init/error` reports a failed init. Status codes and error bodies are those of the API's OpenAPI document
 * and of AWS's runtime interface emulator: 202 `{"status":"OK"}`; 400 `InvalidRequestID` for an id that is not the
 * invocation in flight; 403 `InvalidStateTransition` for a call out of turn; 413 `RequestEntityTooLarge` past the
 * payload limit. Everything the runtime sends is hostile: bodies are capped, a request must arrive whole within
 * `requestTimeoutMs`, connections are limited, and no request can throw in the tool.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { declaredLength, readBody } from './body.ts';

/** One invocation as the runtime receives it. */
export interface Invocation {
  readonly id: string;
  readonly eventJson: string;
  /** `Lambda-Runtime-Deadline-Ms`: when the function's time is up, epoch ms. */
  readonly deadlineEpochMs: number;
  readonly functionArn: string;
  readonly traceId: string;
}

/** How the runtime answered an invocation. */
export type Answer =
  | { readonly kind: 'response'; readonly body: Buffer }
  | { readonly kind: 'error'; readonly body: Buffer; readonly errorType: string | undefined }
  | { readonly kind: 'too-large'; readonly bytes: number; readonly partial: boolean };

/** What the server tells its invoker, outside of answers. */
export interface RuntimeApiHooks {
  /** The runtime asked for an invocation (`GET …/next`); the first time after `expectInit`, its init is over. */
  polled(): void;
  /** The runtime reported a failed init (`POST …/init/error`); `body` is at most the cap, `errorType` the header. */
  initError(body: Buffer, errorType: string | undefined): void;
}

/** The server's limits. */
export interface RuntimeApiLimits {
  readonly maxBodyBytes: number;
  readonly requestTimeoutMs: number;
  readonly maxConnections: number;
}

const NEXT = '/2018-06-01/runtime/invocation/next';
const INIT_ERROR = '/2018-06-01/runtime/init/error';
const ANSWER = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/;
const ERROR_TYPE_HEADER = 'lambda-runtime-function-error-type';

/** The invocation in flight: handed over (`delivered`) or waiting for the runtime to ask. */
interface Current {
  readonly inv: Invocation;
  delivered: boolean;
  readonly answer: (a: Answer) => void;
}

/** One runtime's Runtime API. */
export class RuntimeApiServer {
  private readonly server: Server;
  private waiting: ServerResponse | undefined;
  private current: Current | undefined;
  private initPhase = true;

  /**
   * @param limits - body cap, request timeout, connection limit
   * @param hooks - where polls and init errors go
   */
  constructor(
    private readonly limits: RuntimeApiLimits,
    private readonly hooks: RuntimeApiHooks,
  ) {
    this.server = createServer({
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: Math.min(limits.requestTimeoutMs, 10_000),
      // How often the timeouts above are checked (Node's default, 30 s, would let a slow client sit that long).
      connectionsCheckingInterval: 500,
    });
    this.server.maxConnections = limits.maxConnections;
    this.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res, false);
    });
    // `Expect: 100-continue` (curl sends it for large bodies): a request refused on its headers never gets a 100.
    this.server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res, true);
    });
    this.server.on('clientError', (_e, socket) => {
      socket.destroy();
    });
  }

  /** Starts listening on a free loopback port; resolves to `host:port` for `AWS_LAMBDA_RUNTIME_API`. */
  listen(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        const a = this.server.address() as AddressInfo;
        resolve(`127.0.0.1:${String(a.port)}`);
      });
    });
  }

  /** A new runtime process starts: `POST …/init/error` is accepted again until its first poll. */
  expectInit(): void {
    this.initPhase = true;
    this.current = undefined;
    // A poll of the process before is not an offer to take the next invocation.
    this.waiting?.destroy();
    this.waiting = undefined;
  }

  /**
   * Offers an invocation: handed over at once to a runtime waiting in `GET …/next`, else at its next poll.
   * @param inv - the invocation
   * @returns the runtime's answer (never settles for an invocation withdrawn first)
   */
  offer(inv: Invocation): Promise<Answer> {
    return new Promise<Answer>((answer) => {
      this.current = { inv, delivered: false, answer };
      const waiting = this.waiting;
      if (waiting) {
        this.waiting = undefined;
        this.deliver(waiting);
      }
    });
  }

  /** True while the runtime waits in `GET …/next`: an invocation offered now is handed over at once. */
  polling(): boolean {
    return this.waiting !== undefined && !this.waiting.destroyed;
  }

  /** Gives up the invocation in flight (deadline, crash, close): its id is refused from now on. */
  withdraw(): void {
    this.current = undefined;
  }

  /** Stops the server and drops every connection. */
  close(): Promise<void> {
    this.current = undefined;
    this.waiting = undefined;
    return new Promise((resolve) => {
      this.server.close(() => {
        resolve();
      });
      this.server.closeAllConnections();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): void {
    res.on('error', () => undefined);
    try {
      this.route(req, res, expectsContinue);
    } catch {
      // A request the tool cannot make sense of ends the connection, never the tool.
      res.destroy();
    }
  }

  private route(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): void {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const m = ANSWER.exec(path);
    const want = path === NEXT ? 'GET' : path === INIT_ERROR || m ? 'POST' : undefined;
    if (!want) {
      refuse(res, 404, 'NotFound', `no such resource: ${req.method ?? ''} ${path.slice(0, 200)}`);
    } else if (req.method !== want) {
      refuse(res, 405, 'MethodNotAllowed', `use ${want}`);
    } else if (path === NEXT) {
      this.next(res);
    } else if (path === INIT_ERROR) {
      this.initError(req, res, expectsContinue);
    } else {
      this.answer(req, res, expectsContinue, m?.[1] ?? '', m?.[2] === 'error' ? 'error' : 'response');
    }
  }

  private initError(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): void {
    if (!this.initPhase) {
      refuse(res, 403, 'InvalidStateTransition', 'init/error is accepted only before the first invocation/next');
      return;
    }
    void this.read(req, res, expectsContinue).then((read) => {
      if (read.kind === 'too-large') tooLarge(res, this.limits.maxBodyBytes);
      if (read.kind !== 'read') return;
      this.hooks.initError(read.body, header(req, ERROR_TYPE_HEADER));
      accepted(res);
    });
  }

  private answer(
    req: IncomingMessage,
    res: ServerResponse,
    expectsContinue: boolean,
    rawId: string,
    kind: 'response' | 'error',
  ): void {
    const cur = this.current;
    if (!cur?.delivered || cur.inv.id !== decoded(rawId)) {
      refuse(res, 400, 'InvalidRequestID', 'Invalid request ID');
      return;
    }
    void this.read(req, res, expectsContinue).then((read) => {
      if (read.kind === 'aborted') return;
      if (this.current !== cur) {
        // Given up while its body arrived (deadline, crash): too late.
        refuse(res, 400, 'InvalidRequestID', 'Invalid request ID');
        return;
      }
      this.current = undefined;
      if (read.kind === 'too-large') {
        cur.answer(read);
        tooLarge(res, this.limits.maxBodyBytes);
        return;
      }
      const errorType = header(req, ERROR_TYPE_HEADER);
      cur.answer(kind === 'error' ? { kind, body: read.body, errorType } : { kind, body: read.body });
      accepted(res);
    });
  }

  private next(res: ServerResponse): void {
    this.initPhase = false;
    if (this.polling()) {
      refuse(res, 403, 'InvalidStateTransition', 'another invocation/next is already waiting');
      return;
    }
    if (this.current && !this.current.delivered) {
      this.deliver(res);
      this.hooks.polled();
      return;
    }
    // Long poll: held until an invocation is offered, or the runtime gives up on it.
    this.waiting = res;
    res.on('close', () => {
      if (this.waiting === res) this.waiting = undefined;
    });
    this.hooks.polled();
  }

  private deliver(res: ServerResponse): void {
    const cur = this.current;
    if (!cur) return;
    cur.delivered = true;
    const i = cur.inv;
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Lambda-Runtime-Aws-Request-Id': i.id,
      'Lambda-Runtime-Deadline-Ms': String(i.deadlineEpochMs),
      'Lambda-Runtime-Invoked-Function-Arn': i.functionArn,
      'Lambda-Runtime-Trace-Id': i.traceId,
    });
    res.end(i.eventJson);
  }

  private read(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): ReturnType<typeof readBody> {
    const declared = declaredLength(req);
    if (expectsContinue && (declared === undefined || declared <= this.limits.maxBodyBytes)) res.writeContinue();
    return readBody(req, this.limits.maxBodyBytes);
  }
}

/** A path label percent-decoded (clients encode the request id), or undefined when it is not valid. */
const decoded = (label: string): string | undefined => {
  try {
    return decodeURIComponent(label);
  } catch {
    return undefined;
  }
};

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

function json(res: ServerResponse, status: number, body: unknown, close = false): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json', ...(close ? { Connection: 'close' } : {}) });
  res.end(`${JSON.stringify(body)}\n`);
}

/** An `ErrorResponse` of the API. The connection is closed: the body the runtime may still be sending is not read. */
function refuse(res: ServerResponse, status: number, errorType: string, errorMessage: string): void {
  json(res, status, { errorMessage, errorType }, true);
}

function accepted(res: ServerResponse): void {
  json(res, 202, { status: 'OK' });
}

function tooLarge(res: ServerResponse, limit: number): void {
  refuse(res, 413, 'RequestEntityTooLarge', `Exceeded maximum allowed payload size (${String(limit)} bytes).`);
}
