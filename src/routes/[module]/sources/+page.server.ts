import { moduleEntries } from '$lib/server/course';
import { sourcesPage } from '$lib/server/pages/page-data';
import type { EntryGenerator, PageServerLoad } from './$types';

/** A list of references with nothing interactive: the page ships no JavaScript. */
export const csr = false;

export const entries = (() => moduleEntries()) satisfies EntryGenerator;

export const load = (({ params }) => ({ module: sourcesPage(params.module) })) satisfies PageServerLoad;
