/**
 * CSV for spreadsheets (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a
 * comma, a quote or a line break, quotes doubled), with the one thing spreadsheets add: a text
 * cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula,
 * so such a cell is prefixed with an apostrophe (OWASP's advice) and quoted. Numbers are written
 * as numbers and are never prefixed.
 */
export type CsvCell = string | number | boolean | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvCell(value: CsvCell): string {
	if (value === null) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? 'yes' : 'no';
	const guarded = FORMULA_START.test(value) ? `'${value}` : value;
	return NEEDS_QUOTES.test(guarded) || guarded !== value ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

export interface CsvColumn<Row> {
	header: string;
	value: (row: Row) => CsvCell;
}

/** The whole file, with a byte-order mark so spreadsheet programs read the names as UTF-8. */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
	const lines = [
		columns.map((column) => csvCell(column.header)),
		...rows.map((row) => columns.map((column) => csvCell(column.value(row))))
	];
	return `\uFEFF${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}
