/** Figures as the benchmark prints them: medians, kilobytes (1 kB = 1,000 bytes, as Vite prints), milliseconds, tables. */

export function median(values: number[]): number {
	if (values.length === 0) throw new Error('median of no values');
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
export const ms = (milliseconds: number) => `${Math.round(milliseconds)} ms`;
export const seconds = (value: number) => `${value.toFixed(2)} s`;

/** Prints a titled table with columns padded to their widest cell; numbers right-aligned. */
export function printTable(title: string, headers: string[], rows: string[][]): void {
	const widths = headers.map((header, column) =>
		Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length))
	);
	const numeric = headers.map(
		(_, column) => rows.length > 0 && rows.every((row) => /^[\d.,]+( \w+)?$|^–$/.test(row[column] ?? ''))
	);
	const line = (cells: string[]) =>
		cells
			.map((cell, column) => (numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
			.join('  ')
			.trimEnd();
	console.log(`\n${title}\n`);
	console.log(line(headers));
	console.log(line(widths.map((width) => '-'.repeat(width))));
	for (const row of rows) console.log(line(row));
}
