import { moduleContext, moduleEntries } from '$lib/server/course';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries = (() => moduleEntries()) satisfies EntryGenerator;

export const load = (({ params }) => ({ module: moduleContext(params.module) })) satisfies PageServerLoad;
