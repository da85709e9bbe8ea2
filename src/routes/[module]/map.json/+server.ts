import { json } from '@sveltejs/kit';
import { moduleEntries } from '$lib/server/course';
import { mapModule } from '$lib/server/pages/page-data';
import type { EntryGenerator, RequestHandler } from './$types';

// The map's data, fetched by lesson pages and the quiz only when the learner starts using a map.
export const prerender = true;

export const entries = (() => moduleEntries()) satisfies EntryGenerator;

export const GET = (({ params }) => json(mapModule(params.module))) satisfies RequestHandler;
