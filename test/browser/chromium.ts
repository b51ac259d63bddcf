/**
 * Which chromium the browser tests drive, and why they skip: only when no chromium binary exists (CI installs
 * Debian's). `npx playwright install` cannot download here, so the system browser is used.
 */
import { existsSync } from 'node:fs';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The chromium binary, or undefined when none exists. */
export const CHROMIUM = CANDIDATES.find((p): p is string => p !== undefined && p !== '' && existsSync(p));

/** Why the browser tests skip, or undefined when they run. */
export const SKIP_REASON =
  CHROMIUM === undefined
    ? `skipped: no chromium binary at ${CANDIDATES.filter(Boolean).join(', ')}; install Debian's chromium or set CHROMIUM_PATH`
    : undefined;

/** Flags that work here: headless without a sandbox (containers), and no background traffic to count as requests. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
