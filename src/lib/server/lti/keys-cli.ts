/**
 * `npm run lti:keys -- list | rotate | retire <kid>`: the tool's signing keys, in the store the
 * server uses (PostgreSQL at DATABASE_URL, else SQLite under DATA_DIR, default data/). Safe while
 * the server runs: each request reads the keys from the database. Rotate, wait until the platforms have fetched the new key set (a day is plenty; they
 * refetch on an unknown kid anyway), then retire the old key.
 */
import { openConfiguredStores } from '../db/index.ts';
import { ensureActiveKey, retireToolKey, rotateToolKey } from './keys.ts';

const USAGE = `Usage: npm run lti:keys -- list | rotate | retire <kid>

list    every key: kid, created, retired (the newest unretired key signs)
rotate  adds a new signing key; the old ones stay in /lti/jwks until retired
retire  takes a key out of /lti/jwks (never the only active key)`;

const [command, kid] = process.argv.slice(2);
const { classroom, lti } = await openConfiguredStores({
	databaseUrl: process.env.DATABASE_URL,
	dataDir: process.env.DATA_DIR
});
try {
	if (command === 'list') {
		const signing = await ensureActiveKey(lti);
		for (const key of await lti.listToolKeys()) {
			const retired =
				key.retiredAt !== null
					? `retired ${new Date(key.retiredAt).toISOString()}`
					: key.kid === signing.kid
						? 'published, signs'
						: 'published';
			console.log(`${key.kid}  created ${new Date(key.createdAt).toISOString()}  ${retired}`);
		}
	} else if (command === 'rotate') {
		console.log(`New signing key: ${(await rotateToolKey(lti)).kid}`);
	} else if (command === 'retire' && kid) {
		console.log((await retireToolKey(lti, kid)) ? `Retired ${kid}.` : `No active key ${kid}.`);
	} else {
		console.error(USAGE);
		process.exitCode = 2;
	}
} finally {
	await classroom.close();
}
