/**
 * The pipe grace ends after the I/O that was waiting when its timer came due: on a busy machine the timer and a
 * command's last output are due in the same turn of the event loop, and a plain timer ran first and lost the reply.
 */
import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterPipeGrace } from './grace.ts';

let server: ReturnType<typeof createServer>;
let reader: Socket;
let writer: Socket;

beforeAll(async () => {
  server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  writer = connect((server.address() as AddressInfo).port, '127.0.0.1');
  await once(writer, 'connect');
  [reader] = await accepted;
});

afterAll(() => {
  writer.destroy();
  reader.destroy();
  server.close();
});

/** Writes `text` (already in the reader's kernel buffer when this returns), then keeps the thread busy. */
function writeThenStall(text: string, ms: number): void {
  writer.write(text);
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // a thread too busy to turn its event loop, as on a loaded machine
  }
}

describe('afterPipeGrace', () => {
  it('runs after the output that was waiting when its time came, where a plain timer runs before it', async () => {
    let read = '';
    reader.on('data', (d: Buffer) => (read += d.toString()));
    const seen = await new Promise<{ timer: string; grace: string }>((done) => {
      let timer = '';
      setTimeout(() => (timer = read), 5);
      afterPipeGrace(5, () => {
        done({ timer, grace: read });
      });
      writeThenStall('the reply', 50);
    });
    expect(seen).toStrictEqual({ timer: '', grace: 'the reply' });
  });

  it('does not run once cancelled', async () => {
    let ran = false;
    const cancel = afterPipeGrace(1, () => (ran = true));
    cancel();
    await new Promise((r) => setTimeout(r, 20));
    expect(ran).toBe(false);
  });
});
