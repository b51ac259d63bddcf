/**
 * The page shell shared by the report and the matrix: one self-contained document with a strict
 * Content-Security-Policy that allows exactly the page's own stylesheet and script, by hash. Nothing else can
 * load or run, so even a rendering bug that let handler text through as markup could not execute it.
 */
import { createHash } from 'node:crypto';
import { html, jsonForScript, type Html } from './escape.ts';
import { PAGE_SCRIPT } from './script.ts';
import { PAGE_CSS } from './style.ts';

const sha256 = (s: string): string => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/** The page's Content-Security-Policy: no network, no plugins, no forms, only the hashed style and script. */
const PAGE_CSP = [
  "default-src 'none'",
  `style-src ${sha256(PAGE_CSS)}`,
  `script-src ${sha256(PAGE_SCRIPT)}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** What goes into a page. */
export interface PageParts {
  /** The document title (text; escaped). */
  readonly title: string;
  readonly body: Html;
  /** Embedded as JSON in `<script type="application/json" id="page-data">`, for tools reading the page. */
  readonly data?: unknown;
}

/**
 * Renders a whole HTML document.
 * @param p - title, body and embedded data
 */
export function page(p: PageParts): string {
  const data =
    p.data === undefined ? '' : `<script type="application/json" id="page-data">${jsonForScript(p.data)}</script>\n`;
  // The style, script and data blocks are joined as plain strings, outside any template a formatter could
  // re-indent: the CSP hashes cover their exact text.
  const head = html`<meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}" />
    <meta name="referrer" content="no-referrer" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${p.title}</title>`;
  return [
    '<!doctype html>\n<html lang="en">\n<head>\n',
    head.value,
    `\n<style>${PAGE_CSS}</style>\n</head>\n<body>\n<main>\n`,
    p.body.value,
    `\n</main>\n${data}`,
    `<script>${PAGE_SCRIPT}</script>\n</body>\n</html>\n`,
  ].join('');
}
