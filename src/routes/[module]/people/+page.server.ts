import { moduleEntries } from '$lib/server/course';
import { peoplePage } from '$lib/server/pages/page-data';
import type { EntryGenerator, PageServerLoad } from './$types';

/** Nothing on the cards is interactive: the page ships no JavaScript and hydrates nothing. */
export const csr = false;

export const entries = (() => moduleEntries()) satisfies EntryGenerator;

export const load = (({ params }) => peoplePage(params.module)) satisfies PageServerLoad;
