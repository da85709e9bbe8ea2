/**
 * The Score service of LTI Assignment and Grade Services 2.0: the score body a tool posts to a
 * line item's `/scores` endpoint, and the one POST that sends it.
 *
 * A score is idempotent by its timestamp: the platform keeps the latest one per line item and
 * user and ignores one older than what it holds. So sending the same score twice is harmless,
 * which is what lets the outbox deliver "at least once".
 */

export const SCORE_MEDIA_TYPE = 'application/vnd.ims.lis.v1.score+json';
export const SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';

export const ACTIVITY_PROGRESS = ['Initialized', 'Started', 'InProgress', 'Submitted', 'Completed'] as const;
export const GRADING_PROGRESS = ['FullyGraded', 'Pending', 'PendingManual', 'Failed', 'NotReady'] as const;
export type ActivityProgress = (typeof ACTIVITY_PROGRESS)[number];
export type GradingProgress = (typeof GRADING_PROGRESS)[number];

/** The JSON body of a score, as the platform receives it. */
export interface Score {
	userId: string;
	scoreGiven?: number;
	scoreMaximum?: number;
	comment?: string;
	/** ISO 8601 in UTC with milliseconds: platforms compare timestamps to drop stale scores. */
	timestamp: string;
	activityProgress: ActivityProgress;
	gradingProgress: GradingProgress;
}

/** What the caller says about a score; the timestamp defaults to "now". */
export interface ScoreFields {
	scoreGiven?: number;
	scoreMaximum?: number;
	comment?: string;
	activityProgress: ActivityProgress;
	gradingProgress: GradingProgress;
	/** When the score was reached (epoch ms or a Date): for a hand-in, when it was handed in. */
	timestamp?: number | Date;
}

/** Builds and checks a score body; throws on a score no platform would accept. */
export function scoreBody(userId: string, fields: ScoreFields, now: number): Score {
	if (!userId) throw new Error('A score needs the LMS user id (the launch’s `sub`).');
	if (!ACTIVITY_PROGRESS.includes(fields.activityProgress))
		throw new Error(`Unknown activityProgress "${fields.activityProgress}".`);
	if (!GRADING_PROGRESS.includes(fields.gradingProgress))
		throw new Error(`Unknown gradingProgress "${fields.gradingProgress}".`);
	const { scoreGiven, scoreMaximum } = fields;
	if (scoreGiven !== undefined) {
		// AGS: scoreGiven is only meaningful against a maximum, and neither may be negative.
		if (scoreMaximum === undefined) throw new Error('A score with scoreGiven needs scoreMaximum.');
		if (!Number.isFinite(scoreGiven) || scoreGiven < 0) throw new Error(`scoreGiven ${scoreGiven} is not a score.`);
	}
	if (scoreMaximum !== undefined && (!Number.isFinite(scoreMaximum) || scoreMaximum <= 0))
		throw new Error(`scoreMaximum ${scoreMaximum} must be a number above 0.`);
	const at = fields.timestamp === undefined ? now : +fields.timestamp;
	if (!Number.isFinite(at)) throw new Error('The score’s timestamp is not a date.');
	return {
		userId,
		...(scoreGiven !== undefined && { scoreGiven }),
		...(scoreMaximum !== undefined && { scoreMaximum }),
		...(fields.comment !== undefined && { comment: fields.comment }),
		// toISOString always writes milliseconds and `Z`.
		timestamp: new Date(at).toISOString(),
		activityProgress: fields.activityProgress,
		gradingProgress: fields.gradingProgress
	};
}

/**
 * The score a learner's progress in an assignment reports: their running score as they hand in
 * answers (`InProgress`), their final one when they finish (`Completed`). Both are `FullyGraded`
 * because the server grades every answer at once, and some LMSs (Moodle among them) show no
 * number in the gradebook for any other grading progress.
 *
 * `withheld`: the learner must not learn their score yet (answers revealed only after the due
 * date, or not yet released). The LMS shows the learner the gradebook, so no number is sent:
 * the work is reported as handed in and `Pending`, and the real score follows on release.
 */
export function progressScore(progress: {
	/** 0 to 1, as `studentProgress().score`. */
	score: number;
	finished: boolean;
	/** When the hand-in (or the finishing one) was recorded, epoch ms. */
	at: number;
	/** The line item's maximum; 100 unless the line item says otherwise. */
	scoreMaximum?: number;
	withheld?: boolean;
}): ScoreFields {
	const scoreMaximum = progress.scoreMaximum ?? 100;
	if (progress.withheld) {
		return {
			scoreMaximum,
			activityProgress: progress.finished ? 'Submitted' : 'InProgress',
			gradingProgress: 'Pending',
			timestamp: progress.at
		};
	}
	const clamped = Math.min(1, Math.max(0, progress.score));
	return {
		// Rounded to 1/1000 of a point: a mean of thirds is not worth 17 decimals in a gradebook.
		scoreGiven: Math.round(clamped * scoreMaximum * 1000) / 1000,
		scoreMaximum,
		activityProgress: progress.finished ? 'Completed' : 'InProgress',
		gradingProgress: 'FullyGraded',
		timestamp: progress.at
	};
}

/** `<line item>/scores`, keeping the line item URL's query string (Moodle puts `?type_id=` there). */
export function scoresUrl(lineItemUrl: string): string {
	const url = new URL(lineItemUrl);
	url.pathname = `${url.pathname.replace(/\/+$/, '')}/scores`;
	url.hash = '';
	return url.href;
}

/** How a score POST ended, as the outbox needs to know it. */
export type PostOutcome =
	| { kind: 'delivered'; status: number }
	/** 401: the access token was refused; a fresh one may work. */
	| { kind: 'unauthorized'; status: 401; message: string }
	/** Worth trying again later: network error, timeout, 5xx, 429. */
	| { kind: 'retry'; status?: number; message: string; retryAfterMs?: number }
	/** The platform will not take this score (any other 4xx): sending it again changes nothing. */
	| { kind: 'rejected'; status: number; message: string };

export interface PostScoreRequest {
	lineItemUrl: string;
	score: Score;
	accessToken: string;
	fetch?: typeof fetch;
	/** Milliseconds before the request counts as a network error. */
	timeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

export async function postScore(request: PostScoreRequest): Promise<PostOutcome> {
	const doFetch = request.fetch ?? fetch;
	const url = scoresUrl(request.lineItemUrl);
	let response: Response;
	try {
		response = await doFetch(url, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${request.accessToken}`,
				'content-type': SCORE_MEDIA_TYPE,
				accept: 'application/json'
			},
			body: JSON.stringify(request.score),
			signal: AbortSignal.timeout(request.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS)
		});
	} catch (error) {
		return { kind: 'retry', message: `POST ${url} failed: ${describeError(error)}` };
	}
	return outcomeOf(response, `POST ${url}`);
}

async function outcomeOf(response: Response, what: string): Promise<PostOutcome> {
	const { status } = response;
	if (status >= 200 && status < 300) {
		// Drain the body so the connection can be reused.
		await response.arrayBuffer().catch(() => undefined);
		return { kind: 'delivered', status };
	}
	const message = `${what} answered ${status}${await bodyExcerpt(response)}`;
	if (status === 401) return { kind: 'unauthorized', status, message };
	if (status === 429 || status >= 500) {
		const retryAfterMs = retryAfter(response.headers.get('retry-after'));
		return { kind: 'retry', status, message, ...(retryAfterMs !== undefined && { retryAfterMs }) };
	}
	return { kind: 'rejected', status, message };
}

/** The first few hundred characters of an error body, which usually say what was wrong. */
export async function bodyExcerpt(response: Response): Promise<string> {
	const text = await response.text().catch(() => '');
	const trimmed = text.replace(/\s+/g, ' ').trim().slice(0, 300);
	return trimmed ? `: ${trimmed}` : '';
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from now. */
export function retryAfter(header: string | null): number | undefined {
	if (!header) return undefined;
	const seconds = Number(header);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
	const date = Date.parse(header);
	return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

export function describeError(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	// fetch wraps the socket error (ECONNREFUSED...) as its cause.
	const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
	return `${error.message}${cause}`;
}
