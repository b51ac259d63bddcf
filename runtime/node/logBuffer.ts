/** Bounded text: a handler (or a command) that logs without end cannot exhaust the harness's memory. */

/** Accumulates output, keeping the most recent `maxChars` characters. */
export class LogBuffer {
  private parts: string[] = [];
  private length = 0;
  private dropped = false;

  /** @param maxChars - characters kept; older output is dropped first */
  constructor(private readonly maxChars: number) {}

  /** Appends output. */
  add(text: string): void {
    if (!text) return;
    this.parts.push(text);
    this.length += text.length;
    // Compact only when well past the limit, so that appending stays cheap.
    if (this.length > this.maxChars * 2) this.compact();
  }

  /** The text so far (the most recent `maxChars` characters, marked when some were dropped), and clears it. */
  take(): string {
    this.compact();
    const text = (this.dropped ? '…' : '') + this.parts.join('');
    this.parts = [];
    this.length = 0;
    this.dropped = false;
    return text;
  }

  /** The last `n` non-empty lines, without clearing. */
  peekLines(n: number): string[] {
    this.compact();
    return (this.parts[0] ?? '')
      .split('\n')
      .map((l) => l.trimEnd())
      .filter(Boolean)
      .slice(-n);
  }

  private compact(): void {
    const joined = this.parts.join('');
    const kept = joined.length > this.maxChars ? joined.slice(-this.maxChars) : joined;
    if (kept.length < joined.length) this.dropped = true;
    this.parts = [kept];
    this.length = kept.length;
  }
}
