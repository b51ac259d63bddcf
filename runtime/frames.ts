/**
 * Newline-delimited JSON frames over a byte stream, with a cap on the size of one frame. The channel between the
 * tool and a sandbox that runs handler code: unlike Node's IPC channel, which buffers a message of any size, a
 * reader of frames stops at the cap, so a hostile sandbox cannot make the tool allocate without bound.
 * `JSON.stringify` never writes a raw newline, so a newline always ends a frame.
 */
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** What a reader reports. */
export interface FrameEvents {
  /** One parsed frame, as untrusted data: validate before use. */
  frame(value: unknown): void;
  /** The stream broke the protocol (a frame over the cap, or not JSON); nothing more is read. */
  violation(why: string): void;
}

/**
 * Reads frames from a stream until it ends or breaks the protocol.
 * @param stream - the readable side
 * @param maxBytes - the largest frame accepted, in characters of its text (UTF-8 decoded)
 * @param events - where frames and violations go
 */
export function readFrames(stream: Readable, maxBytes: number, events: FrameEvents): void {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let broken = false;
  const fail = (why: string): void => {
    if (broken) return;
    broken = true;
    pending = '';
    stream.removeListener('data', onData);
    stream.destroy();
    events.violation(why);
  };
  const onData = (chunk: Buffer): void => {
    pending += decoder.write(chunk);
    for (let nl = pending.indexOf('\n'); nl >= 0 && !broken; nl = pending.indexOf('\n')) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (!line) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        fail(`a frame is not JSON: ${JSON.stringify(line.slice(0, 80))}`);
        return;
      }
      events.frame(value);
    }
    if (pending.length > maxBytes) fail(`a frame is larger than ${String(maxBytes)} characters`);
  };
  stream.on('data', onData);
}

/**
 * Writes one frame.
 * @param stream - the writable side
 * @param value - a JSON-safe value
 * @param then - called once the frame is handed to the system
 */
export function writeFrame(stream: Writable, value: unknown, then?: () => void): void {
  stream.write(`${JSON.stringify(value)}\n`, () => then?.());
}
