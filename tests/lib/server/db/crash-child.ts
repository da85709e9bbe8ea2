/**
 * Run by the durability test in its own process: records submissions through the real store,
 * prints each one as soon as it is acknowledged, then kills itself without closing anything.
 * The argument is a SQLite data folder or a postgres:// URL.
 */
import { isPostgresUrl, openConfiguredRepository } from '$lib/server/db';
import { assignment, student, submission } from './fixtures';

const [location = 'missing', countArgument] = process.argv.slice(2);
const repository = await openConfiguredRepository(
	isPostgresUrl(location) ? { databaseUrl: location } : { dataDir: location }
);
await repository.createAssignment(assignment({ tries: 1000 }));
await repository.addStudent(student());
for (let tryNumber = 1; tryNumber <= Number(countArgument); tryNumber++) {
	const outcome = await repository.recordSubmission(submission({ tryNumber, correct: false, score: 0 }), {
		maxTries: 1000,
		lockOnCorrect: false
	});
	if (outcome.status === 'recorded') process.stdout.write(`ack ${tryNumber}\n`);
}
process.kill(process.pid, 'SIGKILL');
