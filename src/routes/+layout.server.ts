import { getCourse } from '$lib/server/course';
import type { LayoutServerLoad } from './$types';

/** Every page's header shows the course's own tagline (lessons/site.yaml). */
export const load = (() => ({ site: getCourse().site })) satisfies LayoutServerLoad;
