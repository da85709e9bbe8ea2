/**
 * Due dates come from a `datetime-local` field, which carries no time zone. With JavaScript the
 * form adds the browser's offset for that date (`tzOffset`, minutes as `Date#getTimezoneOffset`
 * gives them); without it the time is read as UTC, and the form says so.
 */
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/;

/** Milliseconds since the epoch, or `undefined` when `value` is not a real date (and time). */
export function parseDueDate(value: string, tzOffsetMinutes = 0): number | undefined {
	const match = LOCAL_DATE_TIME.exec(value.trim());
	if (!match) return undefined;
	const [year, month, day, hour, minute] = match
		.slice(1)
		.map((part) => (part === undefined ? undefined : Number(part)));
	if (year === undefined || month === undefined || day === undefined) return undefined;
	// A date without a time is due at the end of that day.
	const [h, m] = hour === undefined || minute === undefined ? [23, 59] : [hour, minute];
	const utc = Date.UTC(year, month - 1, day, h, m);
	const check = new Date(utc);
	// Date.UTC rolls 31 February over into March: refuse it instead.
	if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || h > 23 || m > 59) return undefined;
	return utc + tzOffsetMinutes * 60_000;
}
