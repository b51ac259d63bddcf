/**
 * Reading a request body a runtime posts, bounded: a declared or actual size past the cap stops the reading, so a
 * hostile runtime cannot make the tool allocate without bound. (How long a request may take is the server's
 * `requestTimeout`.)
 */
import type { IncomingMessage } from 'node:http';

/** What came of reading a body. */
export type Body =
  | { readonly kind: 'read'; readonly body: Buffer }
  /** Past the cap: `bytes` is the declared length, or what was read when reading stopped (`partial`). */
  | { readonly kind: 'too-large'; readonly bytes: number; readonly partial: boolean }
  /** The client went away or broke the request before its end. */
  | { readonly kind: 'aborted' };

/**
 * The length a request declares, or undefined when it declares none (chunked) or nonsense.
 * @param req - the request
 */
export function declaredLength(req: IncomingMessage): number | undefined {
  const v = req.headers['content-length'];
  return v !== undefined && /^\d{1,15}$/.test(v) ? Number(v) : undefined;
}

/**
 * Reads a request's body up to `maxBytes`.
 * @param req - the request
 * @param maxBytes - the largest body accepted
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Body> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > maxBytes) {
    return Promise.resolve({ kind: 'too-large', bytes: declared, partial: false });
  }
  return new Promise<Body>((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let done = false;
    const settle = (b: Body): void => {
      if (done) return;
      done = true;
      req.removeListener('data', onData);
      resolve(b);
    };
    const onData = (d: Buffer): void => {
      bytes += d.length;
      if (bytes > maxBytes) {
        req.pause();
        settle({ kind: 'too-large', bytes, partial: true });
      } else chunks.push(d);
    };
    req.on('data', onData);
    req.on('end', () => {
      settle({ kind: 'read', body: Buffer.concat(chunks, bytes) });
    });
    req.on('error', () => {
      settle({ kind: 'aborted' });
    });
    req.on('close', () => {
      settle(req.complete ? { kind: 'read', body: Buffer.concat(chunks, bytes) } : { kind: 'aborted' });
    });
  });
}
