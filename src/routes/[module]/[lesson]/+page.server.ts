import { lessonEntries } from '$lib/server/course';
import { lessonPage } from '$lib/server/pages/page-data';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries = (() => lessonEntries()) satisfies EntryGenerator;

export const load = (({ params }) => lessonPage(params.module, params.lesson)) satisfies PageServerLoad;
