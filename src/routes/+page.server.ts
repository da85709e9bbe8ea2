import { catalogue } from '$lib/server/pages/page-data';
import type { PageServerLoad } from './$types';

export const load = (() => ({ modules: catalogue() })) satisfies PageServerLoad;
