/**
 * Run by the durability tests in its own process: records submissions through the real store,
 * prints each one as soon as it is acknowledged, then kills itself without closing anything.
 * The first argument is a SQLite data folder or a postgres:// URL, the second how many.
 *
 * - one at a time (default): tries 1…count of one question, each awaited before the next;
 * - `at-once`: try 1 of questions q1…q<count>, sent in waves without waiting (as a class's
 *   hand-ins arrive, so the SQLite store commits them in batches), killed the moment half of
 *   them have been acknowledged: with other hand-ins still queued or in a transaction.
 */
import { isPostgresUrl, openConfiguredRepository } from '$lib/server/db';
import { assignment, student, submission } from './fixtures';

const [location = 'missing', countArgument, mode = 'one-at-a-time'] = process.argv.slice(2);
const count = Number(countArgument);
const repository = await openConfiguredRepository(
	isPostgresUrl(location) ? { databaseUrl: location } : { dataDir: location }
);
await repository.createAssignment(assignment({ tries: 1000 }));
await repository.addStudent(student());
const RULES = { maxTries: 1000, lockOnCorrect: false };
const die = () => process.kill(process.pid, 'SIGKILL');

if (mode === 'at-once') {
	let acknowledged = 0;
	const WAVE = 25;
	for (let first = 1; first <= count; first += WAVE) {
		for (let index = first; index < Math.min(first + WAVE, count + 1); index++) {
			void repository.recordSubmission(submission({ questionId: `q${index}` }), RULES).then((outcome) => {
				if (outcome.status !== 'recorded') return;
				// Written synchronously, so a line on stdout was acknowledged before the kill.
				process.stdout.write(`ack q${index}\n`);
				if (++acknowledged >= count / 2) die();
			});
		}
		await new Promise((resolve) => setImmediate(resolve));
	}
	await new Promise(() => undefined);
}
for (let tryNumber = 1; tryNumber <= count; tryNumber++) {
	const outcome = await repository.recordSubmission(submission({ tryNumber, correct: false, score: 0 }), RULES);
	if (outcome.status === 'recorded') process.stdout.write(`ack ${tryNumber}\n`);
}
die();
