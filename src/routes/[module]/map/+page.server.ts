import { moduleEntries } from '$lib/server/course';
import { mapPage } from '$lib/server/pages/page-data';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries = (() => moduleEntries()) satisfies EntryGenerator;

export const load = (({ params }) => mapPage(params.module)) satisfies PageServerLoad;
