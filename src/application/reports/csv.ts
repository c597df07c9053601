import { StreamableFile } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';

/** One column of a CSV report; `text` marks what people typed (names, phones…), guarded against formulas. */
export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number | null;
  text?: boolean;
}

/**
 * For a French spreadsheet: `;` between fields, a UTF-8 byte order mark so that accents show, CRLF
 * line ends; quoting by csv-stringify (a field with `;`, `"` or a line break is quoted, `"` doubled).
 * A text cell starting with = + - @ or a tab gets a leading apostrophe: a spreadsheet then shows
 * it as text instead of running it as a formula.
 */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): Buffer {
  const records = rows.map((row) => columns.map((column) => cell(column, row)));
  const csv = stringify(records, {
    bom: true,
    delimiter: ';',
    record_delimiter: 'windows',
    header: true,
    columns: columns.map((column) => column.header),
  });
  return Buffer.from(csv, 'utf8');
}

function cell<Row>(column: CsvColumn<Row>, row: Row): string | number {
  const value = column.value(row);
  if (value === null) return '';
  if (column.text && typeof value === 'string' && /^[=+\-@\t\r]/.test(value)) return `'${value}`;
  return value;
}

/** Euros with a dot and two decimals, `180.00`: the `_cents` column beside it is exact in any locale. */
export function euros(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** A file name of ASCII letters, digits and dashes: `Activités Primaires` → `activites-primaires`. */
export function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'report'
  );
}

export function csvFile(buffer: Buffer, filename: string): StreamableFile {
  return new StreamableFile(buffer, {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${filename}"`,
    length: buffer.length,
  });
}
