/** Formats classroom times the same way on every page and in every export (percentages: format-percent.ts). */
const DISPLAY = new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	timeZone: 'UTC'
});

/** `25 Nov 2025, 17:00 UTC`: the server does not know the reader's zone, so it names UTC. */
export function formatTimestamp(ms: number): string {
	return `${DISPLAY.format(new Date(ms))} UTC`;
}
