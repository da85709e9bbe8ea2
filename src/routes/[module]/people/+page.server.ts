import { moduleEntries } from '$lib/server/course';
import { peoplePage } from '$lib/server/page-data';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries = (() => moduleEntries()) satisfies EntryGenerator;

export const load = (({ params }) => peoplePage(params.module)) satisfies PageServerLoad;
