import { json } from '@sveltejs/kit';
import { ltiStore } from '$lib/server/db';
import { publicKeySet } from '$lib/server/lti/keys';
import type { RequestHandler } from './$types';

/** The tool's public key set: platforms verify its deep-linking responses and AGS assertions with it. */
export const GET = (async () =>
	json(await publicKeySet(ltiStore()), {
		// Short, so a rotation reaches the platforms quickly; they refetch on an unknown kid anyway.
		headers: { 'cache-control': 'public, max-age=300' }
	})) satisfies RequestHandler;
