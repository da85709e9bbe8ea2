import { moduleEntries } from '$lib/server/course';
import { mapModule } from '$lib/server/page-data';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries = (() => moduleEntries()) satisfies EntryGenerator;

export const load = (({ params }) => ({ module: mapModule(params.module) })) satisfies PageServerLoad;
