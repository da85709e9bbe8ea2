// The teacher's handout for one lesson: its self-check questions with the answers and their
// explanations, prerendered. Learner pages never link here (the /teach page does); the questions
// are the lesson's public self-check ones, whose answers the quiz already shows after the last try,
// never the held-back assessment items.
import { lessonEntries } from '$lib/server/course';
import { answerKeyPage } from '$lib/server/pages/answer-key-page';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries = (() => lessonEntries()) satisfies EntryGenerator;

export const load = (({ params }) => answerKeyPage(params.module, params.lesson)) satisfies PageServerLoad;
