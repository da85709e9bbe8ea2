import { getCourse, moduleContext } from '$lib/server/course';
import type { PageServerLoad } from './$types';

export const load = (() => ({
	modules: getCourse().modules.map((module) => moduleContext(module.slug))
})) satisfies PageServerLoad;
