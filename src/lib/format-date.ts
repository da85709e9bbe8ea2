/** Formats the course's ISO dates ("2025-10-14", or "2025-10" when only the month is known). */
const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export function formatDate(date: string | undefined): string {
	if (!date) return 'date unknown';
	const parsed = new Date(date.length === 7 ? `${date}-01T00:00:00Z` : `${date}T00:00:00Z`);
	if (Number.isNaN(parsed.getTime())) return date;
	return date.length === 7 ? monthFormat.format(parsed) : dayFormat.format(parsed);
}
