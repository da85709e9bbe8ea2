/**
 * The score outbox: a learner's score is written to the database when it is reached, and a
 * worker posts it to the platform's gradebook from there. So a score survives the platform being
 * down, the network failing and the server restarting; nothing is lost between "handed in" and
 * "in the gradebook".
 *
 * - `enqueueScore` commits the score before it returns (the hand-in's request awaits it).
 * - The worker sends due scores oldest first. Per (line item, user) only the newest waiting score
 *   is kept: the platform would only keep the newest anyway.
 * - Network errors, timeouts, 5xx and 429 are retried with exponential back-off and jitter,
 *   1 s doubling to at most 5 min (a `Retry-After` stretches the wait, within that cap). So is
 *   every failure to get a token: that is the platform's registration or availability, true of
 *   all its scores, and fixing it there must let the waiting scores through.
 * - 401 on the score: the cached token is dropped and the score sent once more with a new one;
 *   a second 401 waits like a 5xx.
 * - Within one pass, a host found down is not asked again (its other scores wait as long), nor is
 *   a registration whose token was refused; other registrations on the same LMS host still go.
 * - Any other 4xx: the platform will never take this score. It is kept with its error, marked
 *   failed, and not sent again.
 * - A score is removed only after a 2xx, so a crash between sending and removing sends it again
 *   on restart: at least once. Scores are idempotent by timestamp, so that is safe.
 *
 * One worker per app process; several processes on one PostgreSQL database share the outbox, each
 * taking due scores under a lease (postgres-outbox-store.ts) so no score is sent by two at once.
 * Clock, timers, randomness and fetch are injected so the tests run on a fake clock.
 */
import { AccessTokenError, cacheKey, type AccessTokenClient, type TokenRequest } from './access-token.ts';
import { describeError, postScore, SCORE_SCOPE, scoreBody, type PostOutcome, type ScoreFields } from './score.ts';
import type { EnqueueResult, OutboxEntry, OutboxPlatform, OutboxStore } from './outbox-store.ts';
import { createTimedWorker, MORE, SYSTEM_CLOCK, type WorkerClock } from '../timed-worker.ts';

export interface ScoreToSend extends ScoreFields {
	platform: OutboxPlatform;
	/** The line item's URL, from the launch's AGS claim (`lineitem`) or the deep-linking response. */
	lineItemUrl: string;
	/** The learner's LMS user id: the launch's `sub`. */
	userId: string;
}

export interface Backoff {
	/** Wait after the first failure; doubles with each one after. */
	firstMs: number;
	maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { firstMs: 1_000, maxMs: 5 * 60_000 };

export interface ScoreOutboxOptions {
	store: OutboxStore;
	tokens: AccessTokenClient;
	fetch?: typeof fetch;
	clock?: WorkerClock;
	/** 0 ≤ random() < 1, for the jitter. */
	random?: () => number;
	backoff?: Backoff;
	/** Entries taken per pass; the worker runs passes until nothing is due. */
	batchSize?: number;
	timeoutMs?: number;
	/** Told of every retry and give-up (the server logs them). */
	onEvent?: (event: OutboxEvent) => void;
}

export type OutboxEvent =
	| { type: 'delivered'; entry: OutboxEntry }
	| { type: 'retry'; entry: OutboxEntry; error: string; nextAttemptAt: number }
	| { type: 'failed'; entry: OutboxEntry; error: string }
	| { type: 'worker-error'; error: string };

export interface PassReport {
	delivered: number;
	retried: number;
	failed: number;
}

export interface ScoreOutbox {
	/** Commits the score to the outbox (and wakes the worker if it runs). */
	enqueueScore(score: ScoreToSend): Promise<EnqueueResult>;
	/** One pass over what is due now: what the worker runs; the tests call it directly. */
	deliverDue(): Promise<PassReport>;
	/** Starts the worker: it delivers what is due now, then sleeps until the next entry is due. */
	start(): void;
	/** Stops the worker, waiting for a score being sent to finish. Waiting entries stay stored. */
	stop(): Promise<void>;
	/** Resolves when the worker has nothing in hand (for tests and shutdown). */
	idle(): Promise<void>;
}

/** The wait before attempt `attempts + 1`: exponential, capped, with "equal jitter" (half fixed, half random). */
export function backoffDelay(attempts: number, backoff: Backoff, random: () => number, atLeastMs = 0): number {
	const exponential = Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.max(0, attempts - 1));
	const jittered = exponential / 2 + (random() * exponential) / 2;
	return Math.round(Math.min(backoff.maxMs, Math.max(jittered, atLeastMs)));
}

function checkHttpUrl(what: string, value: string): void {
	const protocol = URL.canParse(value) ? new URL(value).protocol : undefined;
	if (protocol !== 'https:' && protocol !== 'http:') throw new Error(`The ${what} "${value}" is not an http(s) URL.`);
}

export function createScoreOutbox(options: ScoreOutboxOptions): ScoreOutbox {
	const { store, tokens } = options;
	const clock = options.clock ?? SYSTEM_CLOCK;
	const random = options.random ?? Math.random;
	const backoff = options.backoff ?? DEFAULT_BACKOFF;
	const batchSize = options.batchSize ?? 50;
	const notify = options.onEvent ?? (() => undefined);

	function tokenRequest(platform: OutboxPlatform): TokenRequest {
		return {
			tokenUrl: platform.tokenUrl,
			clientId: platform.clientId,
			scopes: [SCORE_SCOPE],
			...(platform.tokenAudience !== undefined && { audience: platform.tokenAudience })
		};
	}

	/**
	 * What a failure says about the other entries in this pass, as keys: an unreachable or
	 * overloaded host (`host:`) fails every entry sent there; a refused client (`client:`, a token
	 * refused or not accepted) fails every entry of that registration, but not the others that
	 * share its LMS's host.
	 */
	function blockKeys(entry: OutboxEntry): string[] {
		return [
			`host:${new URL(entry.platform.tokenUrl).host}`,
			`host:${new URL(entry.lineItemUrl).host}`,
			`client:${cacheKey(tokenRequest(entry.platform))}`
		];
	}

	/** Sends one entry; a 401 gets one more try with a fresh token. */
	async function send(entry: OutboxEntry): Promise<{ outcome: PostOutcome; blocks?: string }> {
		const request = tokenRequest(entry.platform);
		const client = `client:${cacheKey(request)}`;
		const attempt = async (): Promise<{ outcome: PostOutcome; blocks?: string }> => {
			let token: string;
			try {
				token = (await tokens.get(request)).token;
			} catch (error) {
				const transient = !(error instanceof AccessTokenError) || error.retryable;
				const retryAfterMs = error instanceof AccessTokenError ? error.retryAfterMs : undefined;
				const outcome: PostOutcome = {
					kind: 'retry',
					message: `no access token: ${describeError(error)}`,
					...(retryAfterMs !== undefined && { retryAfterMs })
				};
				return { outcome, blocks: transient ? `host:${new URL(request.tokenUrl).host}` : client };
			}
			const outcome = await postScore({
				lineItemUrl: entry.lineItemUrl,
				score: entry.score,
				accessToken: token,
				...(options.fetch && { fetch: options.fetch }),
				...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs })
			});
			return outcome.kind === 'retry' ? { outcome, blocks: `host:${new URL(entry.lineItemUrl).host}` } : { outcome };
		};
		const first = await attempt();
		if (first.outcome.kind !== 'unauthorized') return first;
		tokens.invalidate(request);
		const second = await attempt();
		if (second.outcome.kind !== 'unauthorized') return second;
		return { outcome: { kind: 'retry', status: 401, message: second.outcome.message }, blocks: client };
	}

	/** `keepGoing` is asked before each entry, so `stop()` waits for one request, not a whole batch. */
	async function deliverDue(keepGoing: () => boolean = () => true): Promise<PassReport> {
		const report: PassReport = { delivered: 0, retried: 0, failed: 0 };
		// What failed in this pass is not asked again in it: the entries it blocks wait as long.
		const blocked = new Map<string, { nextAttemptAt: number; error: string }>();
		for (const entry of await store.due(clock.now(), batchSize)) {
			if (!keepGoing()) break;
			const known = blockKeys(entry)
				.map((key) => blocked.get(key))
				.find(Boolean);
			if (known) {
				await store.retryLater(entry.id, { attempts: entry.attempts, ...known });
				report.retried += 1;
				continue;
			}
			const { outcome, blocks } = await send(entry);
			const attempts = entry.attempts + 1;
			if (outcome.kind === 'delivered') {
				await store.delivered(entry.id);
				report.delivered += 1;
				notify({ type: 'delivered', entry });
			} else if (outcome.kind === 'rejected') {
				await store.giveUp(entry.id, { attempts, at: clock.now(), error: outcome.message });
				report.failed += 1;
				notify({ type: 'failed', entry, error: outcome.message });
			} else {
				const retryAfterMs = outcome.kind === 'retry' ? outcome.retryAfterMs : undefined;
				const nextAttemptAt = clock.now() + backoffDelay(attempts, backoff, random, retryAfterMs);
				await store.retryLater(entry.id, { attempts, nextAttemptAt, error: outcome.message });
				report.retried += 1;
				notify({ type: 'retry', entry, error: outcome.message, nextAttemptAt });
				if (blocks) blocked.set(blocks, { nextAttemptAt, error: `not sent: ${outcome.message}` });
			}
		}
		return report;
	}

	const worker = createTimedWorker({
		clock,
		pass: async () => {
			const report = await deliverDue(worker.isRunning);
			if (report.delivered + report.retried + report.failed >= batchSize) return MORE;
			if (!worker.isRunning()) return undefined;
			const next = await store.nextDueAt();
			return next === undefined ? undefined : next - clock.now();
		},
		// The database itself failed: try again shortly rather than stop delivering for good.
		retryMs: backoff.firstMs,
		onError: (error) => notify({ type: 'worker-error', error: describeError(error) })
	});

	return {
		async enqueueScore(score) {
			const { platform, lineItemUrl, userId, ...fields } = score;
			// Refused before it is stored: a score the worker could never send would wait forever.
			checkHttpUrl('line item URL', lineItemUrl);
			checkHttpUrl('token URL', platform.tokenUrl);
			const result = await store.enqueue({
				platform,
				lineItemUrl,
				userId,
				score: scoreBody(userId, fields, clock.now()),
				enqueuedAt: clock.now()
			});
			worker.wake();
			return result;
		},
		deliverDue: () => deliverDue(),
		start: worker.start,
		stop: worker.stop,
		idle: worker.idle
	};
}
