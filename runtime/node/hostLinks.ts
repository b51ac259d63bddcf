/**
 * The direct lines between the tool and the hosts of a worker sandbox. Each host, a worker thread of the sandbox
 * process, connects to a socket the tool listens on (in a folder of its own, mode 0700) and proves itself with the
 * nonce the tool gave for it: events and replies then go straight between the tool and the host, where they were
 * relayed by the sandbox's main thread (a string decoded, cloned into the worker and back, and a wake-up more each
 * way). The sandbox's main thread still starts and stops the hosts.
 *
 * Whatever connects is untrusted. A connection must send a well-formed nonce in its first bytes, within a time,
 * or it is closed; so is one that names no host awaited, or one already taken. A handler that learns its own host's
 * nonce can only speak for that host, which it runs anyway: the tool checks every frame and keeps its own clock.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** A nonce: 16 random bytes as hex. */
const NONCE_CHARS = 32;
/** The first frame of a host: a 4-byte length, then the nonce in UTF-16 (`runtime/frames.ts`). */
const HELLO_BYTES = 4 + NONCE_CHARS * 2;
/** How long a connection may take to prove itself (a host sends its nonce as it connects). */
const HELLO_TIMEOUT_MS = 10_000;
/** Connections not yet proven, at most: past that, a new one is closed at once. */
const MAX_UNPROVEN = 8;

/** Folders of listeners still open, removed if the tool exits without closing them. */
const open = new Set<string>();
let exitHook = false;

/** The tool's end of a worker sandbox's host connections. */
export class HostLinks {
  /** Where hosts connect. */
  readonly path: string;
  private readonly dir: string;
  private readonly server: Server;
  private readonly awaited = new Map<string, (socket: Socket) => void>();
  private unproven = 0;

  /** @param helloTimeoutMs - how long a connection may take to send its nonce */
  constructor(private readonly helloTimeoutMs = HELLO_TIMEOUT_MS) {
    this.dir = mkdtempSync(join(tmpdir(), 'csc-hosts-'));
    open.add(this.dir);
    if (!exitHook) {
      exitHook = true;
      process.once('exit', () => {
        for (const dir of open) rmSync(dir, { recursive: true, force: true });
      });
    }
    this.path = process.platform === 'win32' ? `\\\\?\\pipe\\${basename(this.dir)}` : join(this.dir, 'hosts.sock');
    this.server = createServer((s) => {
      this.accept(s);
    });
    this.server.on('error', () => undefined);
    this.server.listen(this.path);
    // A forgotten close() must not keep the tool alive.
    this.server.unref();
  }

  /**
   * Awaits a host: returns the nonce it must send, and hands its socket (paused, the nonce read) to `attach`.
   * @param attach - receives the proven connection
   */
  await(attach: (socket: Socket) => void): string {
    const nonce = randomBytes(NONCE_CHARS / 2).toString('hex');
    this.awaited.set(nonce, attach);
    return nonce;
  }

  /**
   * No longer awaits the host of this nonce (it is gone, or was replaced).
   * @param nonce - what `await` returned
   */
  forget(nonce: string): void {
    this.awaited.delete(nonce);
  }

  /** Stops listening and removes the socket's folder (connections already made stay theirs to close). */
  close(): void {
    this.awaited.clear();
    this.server.close();
    rmSync(this.dir, { recursive: true, force: true });
    open.delete(this.dir);
  }

  private accept(s: Socket): void {
    s.on('error', () => undefined);
    s.unref();
    if (this.unproven >= MAX_UNPROVEN) {
      s.destroy();
      return;
    }
    this.unproven++;
    let got = Buffer.alloc(0);
    let settled = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      this.unproven--;
      clearTimeout(timer);
      s.removeListener('data', onData);
    };
    const refuse = (): void => {
      settle();
      s.destroy();
    };
    const timer = setTimeout(refuse, this.helloTimeoutMs);
    timer.unref();
    const onData = (chunk: Buffer): void => {
      got = Buffer.concat([got, chunk]);
      if (got.length < 4) return;
      if (got.readUInt32LE(0) !== NONCE_CHARS * 2) {
        refuse();
        return;
      }
      if (got.length < HELLO_BYTES) return;
      const nonce = got.subarray(4, HELLO_BYTES).toString('utf16le');
      const attach = this.awaited.get(nonce);
      if (!attach) {
        refuse();
        return;
      }
      this.awaited.delete(nonce);
      settle();
      s.pause();
      const rest = got.subarray(HELLO_BYTES);
      if (rest.length) s.unshift(rest);
      attach(s);
    };
    s.on('data', onData);
    s.once('close', settle);
  }
}
