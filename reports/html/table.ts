/** The one table shape of the report pages: a header row, then the body rows. */
import { html, type Html, type HtmlPart } from './escape.ts';

/**
 * A header cell.
 * @param label - the text (escaped)
 * @param className - e.g. `num` for a right-aligned number column
 */
export function th(label: string, className?: string): Html {
  return className ? html`<th class="${className}">${label}</th>` : html`<th>${label}</th>`;
}

/**
 * A table.
 * @param head - the header cells: a label, or a cell made with {@link th}
 * @param rows - the body rows, as `<tr>` elements
 * @param className - the table's class, if any
 * @example table(['key', th('bytes', 'num')], rows)
 */
export function table(head: readonly (string | Html)[], rows: HtmlPart, className?: string): Html {
  const cells = head.map((h) => (typeof h === 'string' ? th(h) : h));
  return html`<table class="${className ?? ''}">
    <thead>
      <tr>
        ${cells}
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}
