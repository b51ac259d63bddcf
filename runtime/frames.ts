/**
 * Newline-delimited JSON frames over a byte stream, with a cap on the size of one frame. The channel between the
 * tool and a sandbox that runs handler code: unlike Node's IPC channel, which buffers a message of any size, a
 * reader of frames stops at the cap, so a hostile sandbox cannot make the tool allocate without bound.
 * `JSON.stringify` never writes a raw newline, so a newline always ends a frame.
 */
import type { Readable, Writable } from 'node:stream';

const NEWLINE = 0x0a;

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
 * @param maxBytes - the largest frame accepted, in bytes
 * @param events - where frames and violations go
 */
export function readFrames(stream: Readable, maxBytes: number, events: FrameEvents): void {
  readLines(stream, maxBytes, {
    line(text, fail) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        fail(`a frame is not JSON: ${JSON.stringify(text.slice(0, 80))}`);
        return;
      }
      events.frame(value);
    },
    violation: (why) => {
      events.violation(why);
    },
  });
}

/** What a line reader reports. */
export interface LineEvents {
  /** One line, without its newline, as untrusted text; `fail` ends the reading as a violation. */
  line(text: string, fail: (why: string) => void): void;
  /** The stream broke the protocol (a line over the cap, or `fail` was called); nothing more is read. */
  violation(why: string): void;
}

/**
 * Reads newline-terminated lines (empty ones skipped) until the stream ends or breaks the protocol.
 * @param stream - the readable side
 * @param maxBytes - the longest line accepted, in bytes
 * @param events - where lines and violations go
 */
export function readLines(stream: Readable, maxBytes: number, events: LineEvents): void {
  // The bytes of the frame being read, in the chunks they came in: each chunk is searched for the newline once, so
  // a frame of n bytes in k chunks costs O(n), not O(n·k). A newline byte never occurs inside a UTF-8 sequence.
  let parts: Buffer[] = [];
  let size = 0;
  let broken = false;
  const fail = (why: string): void => {
    if (broken) return;
    broken = true;
    parts = [];
    stream.removeListener('data', onData);
    stream.destroy();
    events.violation(why);
  };
  const onData = (chunk: Buffer): void => {
    let from = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl >= 0 && !broken; nl = chunk.indexOf(NEWLINE, from)) {
      const piece = chunk.subarray(from, nl);
      from = nl + 1;
      const bytes = parts.length ? Buffer.concat([...parts, piece], size + piece.length) : piece;
      parts = [];
      size = 0;
      if (bytes.length > maxBytes) {
        fail(`a line is larger than ${String(maxBytes)} bytes`);
        return;
      }
      if (bytes.length) events.line(bytes.toString('utf8'), fail);
    }
    if (broken || from >= chunk.length) return;
    const rest = chunk.subarray(from);
    parts.push(rest);
    size += rest.length;
    if (size > maxBytes) fail(`a line is larger than ${String(maxBytes)} bytes`);
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
  writeLine(stream, JSON.stringify(value), then);
}

/**
 * Writes one line of text that holds no newline (JSON text, or a prefix and JSON text).
 * @param stream - the writable side
 * @param text - the line, without its newline
 * @param then - called once it is handed to the system
 */
export function writeLine(stream: Writable, text: string, then?: () => void): void {
  stream.write(`${text}\n`, () => then?.());
}
