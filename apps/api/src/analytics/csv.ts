/**
 * CSV (RFC 4180) that is safe to open in a spreadsheet: a text cell that starts with = + - @, a tab
 * or a carriage return gets a leading apostrophe so that it is never run as a formula (OWASP "CSV
 * injection"); a cell with a comma, a quote or a line break is quoted, with quotes doubled. Numbers
 * are written as numbers (a negative number is not a formula).
 */
export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Lines end with CRLF, as RFC 4180 says. */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
