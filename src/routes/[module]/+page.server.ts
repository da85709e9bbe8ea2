import { moduleEntries } from '$lib/server/course';
import { moduleOverview } from '$lib/server/pages/page-data';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries = (() => moduleEntries()) satisfies EntryGenerator;

export const load = (({ params }) => ({ module: moduleOverview(params.module) })) satisfies PageServerLoad;
