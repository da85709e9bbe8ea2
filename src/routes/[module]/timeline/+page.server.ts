import { moduleEntries } from '$lib/server/course';
import { timelinePage } from '$lib/server/pages/page-data';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries = (() => moduleEntries()) satisfies EntryGenerator;

export const load = (({ params }) => timelinePage(params.module)) satisfies PageServerLoad;
