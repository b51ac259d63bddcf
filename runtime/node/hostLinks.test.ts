/**
 * The tool's listener for worker hosts admits a connection only with a nonce it awaits, once, in its first bytes
 * and within a time; everything else is closed without being read further.
 */
import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeText } from '../frames.ts';
import { HostLinks } from './hostLinks.ts';

let links: HostLinks | undefined;
afterEach(() => {
  links?.close();
  links = undefined;
});

/** Resolves when the socket closes; whether the other end closed it. */
const closed = (s: Socket): Promise<void> =>
  new Promise((resolve) => {
    s.on('error', () => undefined);
    s.once('close', () => {
      resolve();
    });
    s.resume();
  });

/** A client that connects and writes `bytes`. */
function client(path: string, bytes?: Buffer | string): Socket {
  const s = connect(path);
  if (typeof bytes === 'string') writeText(s, bytes);
  else if (bytes) s.write(bytes);
  return s;
}

describe('host links', () => {
  it('hand over a connection that sends an awaited nonce, with what it sent after it', async () => {
    links = new HostLinks();
    const got = new Promise<string>((resolve) => {
      const nonce = links?.await((s) => {
        s.once('data', (d: Buffer) => {
          resolve(d.toString('utf16le', 4));
        });
        s.resume();
      });
      const c = client(links?.path ?? '', nonce);
      writeText(c, 'after the nonce');
    });
    expect(await got).toBe('after the nonce');
  });

  it('close a connection with a nonce not awaited, or awaited and already taken, or forgotten', async () => {
    links = new HostLinks();
    await closed(client(links.path, 'f'.repeat(32)));
    let attached = 0;
    const nonce = links.await((s) => {
      attached++;
      s.resume();
    });
    const first = client(links.path, nonce);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await closed(client(links.path, nonce));
    expect(attached).toBe(1);
    first.destroy();
    const forgotten = links.await(() => {
      attached++;
    });
    links.forget(forgotten);
    await closed(client(links.path, forgotten));
    expect(attached).toBe(1);
  });

  it('close a connection whose first frame is not a nonce, at its length, or that says nothing in time', async () => {
    links = new HostLinks(100);
    const huge = Buffer.alloc(4);
    huge.writeUInt32LE(64 * 1024 * 1024, 0);
    await closed(client(links.path, huge));
    const started = Date.now();
    await closed(client(links.path));
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('close new connections at once while eight wait to prove themselves', async () => {
    links = new HostLinks(60_000);
    const waiting = Array.from({ length: 8 }, () => client(links?.path ?? ''));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await closed(client(links.path));
    for (const s of waiting) s.destroy();
  });

  it('remove their folder when closed', () => {
    links = new HostLinks();
    const dir = dirname(links.path);
    expect(existsSync(dir)).toBe(true);
    links.close();
    links = undefined;
    expect(existsSync(dir)).toBe(false);
  });
});
