/**
 * Frames over a byte stream: the channel between the tool and a sandbox that runs handler code. Each frame is a
 * 4-byte little-endian length, then that many bytes of text in UTF-16LE — a JavaScript string's own code units, so
 * writing and reading one is a copy, where UTF-8 must encode and decode every character. The events and replies that
 * cross are up to a few MB and mostly non-ASCII at the sizes that cost (generated values hold many multi-byte
 * characters): UTF-8 took about 8 ms per such event each way, UTF-16 well under 1 ms, for about the same bytes.
 *
 * Unlike Node's IPC channel, which buffers a message of any size, a reader of frames refuses a frame whose length is
 * over its cap before reading it, so a hostile sandbox cannot make the tool allocate without bound.
 */
import type { Readable, Writable } from 'node:stream';

/** Bytes of a frame's length prefix. */
const HEAD = 4;

/** What a reader of JSON frames reports. */
export interface FrameEvents {
  /** One parsed frame, as untrusted data: validate before use. */
  frame(value: unknown): void;
  /** The stream broke the protocol (a frame over the cap, or not JSON); nothing more is read. */
  violation(why: string): void;
}

/**
 * Reads JSON frames from a stream until it ends or breaks the protocol.
 * @param stream - the readable side
 * @param maxBytes - the largest frame accepted, in bytes (UTF-16: two per code unit)
 * @param events - where frames and violations go
 */
export function readFrames(stream: Readable, maxBytes: number, events: FrameEvents): void {
  readTexts(stream, maxBytes, {
    text(text, fail) {
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

/** What a reader of text frames reports. */
export interface TextEvents {
  /** One frame's text, as untrusted text; `fail` ends the reading as a violation. */
  text(text: string, fail: (why: string) => void): void;
  /** The stream broke the protocol (a frame over the cap, or `fail` was called); nothing more is read. */
  violation(why: string): void;
}

/**
 * Reads text frames (empty ones skipped) until the stream ends or breaks the protocol.
 * @param stream - the readable side
 * @param maxBytes - the largest frame accepted, in bytes (UTF-16: two per code unit)
 * @param events - where texts and violations go
 */
export function readTexts(stream: Readable, maxBytes: number, events: TextEvents): void {
  // The bytes received and not yet read, in the chunks they came in: each byte is copied at most once more, into
  // the frame it belongs to, however the chunks fall.
  let pending: Buffer[] = [];
  let have = 0;
  /** The length of the frame being read, once its prefix is in; -1 before. */
  let need = -1;
  let broken = false;
  const fail = (why: string): void => {
    if (broken) return;
    broken = true;
    pending = [];
    stream.removeListener('data', onData);
    stream.destroy();
    events.violation(why);
  };
  /** The next `n` bytes (there are at least that many). */
  const take = (n: number): Buffer => {
    const first = pending[0];
    if (first && first.length >= n) {
      if (first.length === n) pending.shift();
      else pending[0] = first.subarray(n);
      have -= n;
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let at = 0;
    while (at < n) {
      const part = pending[0];
      if (!part) break;
      const k = Math.min(part.length, n - at);
      part.copy(out, at, 0, k);
      at += k;
      if (k === part.length) pending.shift();
      else pending[0] = part.subarray(k);
    }
    have -= n;
    return out;
  };
  const onData = (chunk: Buffer): void => {
    pending.push(chunk);
    have += chunk.length;
    while (!broken) {
      if (need < 0) {
        if (have < HEAD) return;
        need = take(HEAD).readUInt32LE(0);
        if (need > maxBytes) {
          fail(`a frame is larger than ${String(maxBytes)} bytes (${String(need)})`);
          return;
        }
        if (need % 2) {
          fail(`a frame of ${String(need)} bytes is not UTF-16 text`);
          return;
        }
      }
      if (have < need) return;
      const body = take(need);
      need = -1;
      if (body.length) events.text(body.toString('utf16le'), fail);
    }
  };
  stream.on('data', onData);
}

/**
 * Writes one JSON frame.
 * @param stream - the writable side
 * @param value - a JSON-safe value
 * @param then - called once the frame is handed to the system
 */
export function writeFrame(stream: Writable, value: unknown, then?: () => void): void {
  writeText(stream, JSON.stringify(value), then);
}

/**
 * Writes one text frame (JSON text, or a prefix and JSON text).
 * @param stream - the writable side
 * @param text - the text
 * @param then - called once it is handed to the system
 */
export function writeText(stream: Writable, text: string, then?: () => void): void {
  const frame = Buffer.allocUnsafe(HEAD + text.length * 2);
  frame.writeUInt32LE(text.length * 2, 0);
  frame.write(text, HEAD, 'utf16le');
  stream.write(frame, () => then?.());
}
