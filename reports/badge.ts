/**
 * `badge.svg` and `badge.json`: the verdict and the passed `must` checks, as a flat shields.io-style badge and as a
 * shields.io endpoint document (`https://img.shields.io/endpoint?url=…/badge.json`).
 */
import type { RunResult } from '../harness/index.ts';
import { selectionText, verdictOf, type RunVerdict } from './format.ts';

/** What the badge says. Every string here is made from numbers and fixed words, never from handler output. */
export interface Badge {
  readonly label: string;
  readonly message: string;
  /** A shields.io colour name. */
  readonly color: 'brightgreen' | 'yellowgreen' | 'red' | 'orange' | 'lightgrey';
}

const HEX: Readonly<Record<Badge['color'], string>> = {
  brightgreen: '#4c1',
  yellowgreen: '#a4a61d',
  red: '#e05d44',
  orange: '#fe7d37',
  lightgrey: '#9f9f9f',
};

const COLOR: Readonly<Record<RunVerdict, Badge['color']>> = {
  conformant: 'brightgreen',
  'not-conformant': 'red',
  partial: 'orange',
};

/**
 * The badge of a run: green when conformant, yellow-green when conformant on a subset of the checks (which it
 * names: "7 of 19 checks"), red when not, orange when not every check ran, grey when no `must` check ran at all.
 * @param run - the run
 */
export function badgeOf(run: RunResult): Badge {
  const { mustPassed, mustTotal } = run.summary;
  const label = 'sync trigger';
  if (mustTotal === 0) return { label, message: 'no must checks run', color: 'lightgrey' };
  const verdict = verdictOf(run);
  const count = `${mustPassed}/${mustTotal} must`;
  const subset = selectionText(run);
  const parts = [count, verdict === 'conformant' ? '' : verdict === 'partial' ? 'partial' : 'fail', subset ?? ''];
  // A subset that passed is not the green of a full run: it passed only what it ran.
  const color = verdict === 'conformant' && subset ? 'yellowgreen' : COLOR[verdict];
  return { label, message: parts.filter(Boolean).join(' · '), color };
}

/**
 * Renders `badge.json` in the shields.io endpoint format.
 * @param run - the run
 */
export function renderBadgeJson(run: RunResult): string {
  const b = badgeOf(run);
  return `${JSON.stringify({ schemaVersion: 1, label: b.label, message: b.message, color: b.color }, null, 2)}\n`;
}

// Approximate advance widths of Verdana 11 px (the shields.io font), so text fits without a font at hand.
const NARROW = new Set(Array.from("ilj.,:;|!'()[] "));
const WIDE = new Set(Array.from('mwMW'));
const charWidth = (c: string): number => {
  if (NARROW.has(c)) return 3.9;
  if (WIDE.has(c)) return 10.5;
  if (/[0-9]/.test(c)) return 7;
  if (/[A-Z]/.test(c)) return 7.6;
  if (c === '·' || c === '/') return 5;
  if (/[ftr]/.test(c)) return 4.4;
  return 6.6;
};
const textWidth = (s: string): number => Math.ceil(Array.from(s).reduce((n, c) => n + charWidth(c), 0));

/**
 * Renders `badge.svg`: a flat, self-contained badge with an accessible name.
 * @param run - the run
 */
export function renderBadgeSvg(run: RunResult): string {
  const b = badgeOf(run);
  const lw = textWidth(b.label) + 12;
  const mw = textWidth(b.message) + 12;
  const w = lw + mw;
  const text = (s: string, x: number): string =>
    `<text x="${x}" y="15" fill="#010101" fill-opacity=".3">${s}</text><text x="${x}" y="14">${s}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${b.label}: ${b.message}">`,
    `<title>${b.label}: ${b.message}</title>`,
    '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/>' +
      '<stop offset="1" stop-opacity=".1"/></linearGradient>',
    `<clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/>` +
      `<rect x="${lw}" width="${mw}" height="20" fill="${HEX[b.color]}"/><rect width="${w}" height="20" fill="url(#s)"/></g>`,
    '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">',
    text(b.label, lw / 2) + text(b.message, lw + mw / 2),
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}
