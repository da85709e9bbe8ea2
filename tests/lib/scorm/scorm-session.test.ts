/**
 * The launch page's session logic against scorm-again's real data model (1.2 and 2004) in Node:
 * every value it sets must be one the LMS accepts.
 */
// The root entry: its types match its named exports (the per-version entries' types say default).
import { Scorm12API, Scorm2004API } from 'scorm-again';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Module, Question } from '$lib/model/course';
import { keyAsResponse } from '$lib/scorm/cmi-vocabulary';
import { findApi, type ApiWindow, type LmsConnection } from '$lib/scorm/lms-api';
import type { PackageData, ScormVersion } from '$lib/scorm/package-data';
import { ScormSession } from '$lib/scorm/scorm-session';
import { decodeSuspendData } from '$lib/scorm/suspend-data';
import { packageData } from '$lib/server/export/scorm/scorm-package';
import { everyTypeModule } from '../server/export/every-type-module';

type AnyApi = Scorm12API | Scorm2004API;

const newApi = (version: ScormVersion, cmi: Record<string, unknown> = {}): AnyApi => {
	const api = version === '1.2' ? new Scorm12API({ logLevel: 5 }) : new Scorm2004API({ logLevel: 5 });
	if (Object.keys(cmi).length > 0) api.loadFromJSON(cmi);
	return api;
};

/**
 * The API as an LMS frame offers it, with every value it refused and the last value set per
 * element (SCORM 1.2's interactions, and everything after the session ends, cannot be read back).
 */
function connect(
	version: ScormVersion,
	api: AnyApi
): { lms: LmsConnection; refused: string[]; values: Map<string, string> } {
	const window: ApiWindow = {
		parent: null,
		...(version === '1.2' ? { API: api as Scorm12API } : { API_1484_11: api as Scorm2004API })
	};
	const lms = findApi(version, window);
	if (!lms) throw new Error('no API found');
	const refused: string[] = [];
	const values = new Map<string, string>();
	const set = (element: string, value: string) => {
		values.set(element, value);
		return lms.set(element, value) || !refused.push(`${element}=${value} (${lms.lastError()})`);
	};
	return { lms: { ...lms, set }, refused, values };
}

let module: Module;
let questions: Question[];
const site = (slug: string) => ({
	start: `${slug}.html`,
	pages: [`${slug}.html`, `${slug}/the-call.html`, `${slug}/the-report.html`]
});

beforeAll(async () => {
	module = await everyTypeModule();
	questions = module.lessons.flatMap((lesson) => lesson.quiz.questions);
});

const answer = (question: Question, right: boolean) => ({
	questionId: question.id,
	lesson: 'the-call',
	during: 'lesson' as const,
	score: right ? 1 : 0,
	correct: right,
	response: keyAsResponse(question),
	latencyMs: 12_340
});

describe.each(['1.2', '2004'] as const)('a SCORM %s session', (version) => {
	let data: PackageData;
	beforeAll(() => {
		data = packageData(module, version, site(module.slug));
	});
	const get = (api: AnyApi, element: string) =>
		api instanceof Scorm12API ? api.LMSGetValue(element) : (api as Scorm2004API).GetValue(element);
	const names =
		version === '1.2'
			? {
					status: 'cmi.core.lesson_status',
					raw: 'cmi.core.score.raw',
					location: 'cmi.core.lesson_location',
					response: 'student_response',
					wrong: 'wrong'
				}
			: {
					status: 'cmi.completion_status',
					raw: 'cmi.score.raw',
					location: 'cmi.location',
					response: 'learner_response',
					wrong: 'incorrect'
				};

	it('reports one interaction per answered question, every type, in values the LMS accepts', () => {
		const api = newApi(version);
		const { lms, refused, values } = connect(version, api);
		const session = new ScormSession(lms, data, () => new Date('2026-12-02T10:00:00Z'));
		session.start();
		questions.forEach((question, index) => session.settled(answer(question, index !== 2)));
		expect(refused).toEqual([]);
		expect(get(api, 'cmi.interactions._count')).toBe(String(questions.length));
		const interaction = (id: string) => {
			const n = questions.findIndex((question) => question.id === id);
			const fields = [...values].filter(([element]) => element.startsWith(`cmi.interactions.${n}.`));
			return Object.fromEntries(fields.map(([element, value]) => [element.split('.').slice(3).join('.'), value]));
		};
		const [list, pair] = version === '1.2' ? [',', '.'] : ['[,]', '[.]'];
		expect(interaction('who-said')).toMatchObject({
			id: 'who-said',
			type: 'matching',
			[names.response]: `q1${pair}boris-aide${list}q2${pair}cara-critic`,
			result: 'correct',
			'correct_responses.0.pattern': `q1${pair}boris-aide${list}q2${pair}cara-critic`,
			latency: version === '1.2' ? '0000:00:12.34' : 'PT0H0M12.34S'
		});
		expect(interaction('call-happened')).toMatchObject({ type: 'true-false', result: names.wrong });
		expect(interaction('call-order')).toMatchObject({
			type: 'sequencing',
			[names.response]: ['first-call', 'second-call', 'report'].join(list)
		});
		expect(interaction('what-was-said')).toMatchObject({ type: 'choice', [names.response]: `called${list}denied` });
		expect(interaction('kinds')[names.response]).toBe(`s1${pair}fact${list}s2${pair}denial${list}s3${pair}opinion`);
		expect(interaction('find-boris')).toMatchObject({ type: 'choice', [names.response]: 'boris-aide' });
	});

	it('scores every question of every lesson, complete and graded against the pass mark once all are answered', () => {
		const api = newApi(version);
		const { lms } = connect(version, api);
		const session = new ScormSession(lms, data);
		session.start();
		expect(get(api, names.status)).toBe('incomplete');
		session.settled(answer(questions[0] as Question, true));
		expect(get(api, names.raw)).toBe(String(Math.round(100 / questions.length)));
		expect(get(api, names.status)).toBe('incomplete');
		// 6 of 7 right: 86 %, above the module's pass mark (0.771, the lessons' weighted by questions).
		questions.forEach((question, index) => session.settled(answer(question, index !== 2)));
		expect(data.passMark).toBeCloseTo((0.75 * 4 + 0.8 * 3) / 7, 3);
		expect(get(api, names.raw)).toBe('86');
		if (version === '1.2') expect(get(api, 'cmi.core.lesson_status')).toBe('passed');
		else {
			expect(get(api, 'cmi.completion_status')).toBe('completed');
			expect(get(api, 'cmi.success_status')).toBe('passed');
			expect(get(api, 'cmi.score.scaled')).toBe('0.86');
		}
	});

	it("grades against the LMS's own mastery or passing score when it sets one", () => {
		const passing =
			version === '1.2' ? { cmi: { student_data: { mastery_score: '90' } } } : { cmi: { scaled_passing_score: '0.9' } };
		const api = newApi(version, passing);
		const session = new ScormSession(connect(version, api).lms, data);
		session.start();
		expect(session.passMark()).toBe(0.9);
		questions.forEach((question, index) => session.settled(answer(question, index !== 2)));
		expect(get(api, version === '1.2' ? 'cmi.core.lesson_status' : 'cmi.success_status')).toBe('failed');
	});

	it('resumes in a second session from suspend_data and the location, keeping each best score', () => {
		const first = connect(version, newApi(version));
		const one = new ScormSession(first.lms, data);
		one.start();
		one.navigated(`${module.slug}/the-report.html`);
		one.settled(answer(questions[0] as Question, true));
		one.settled(answer(questions[1] as Question, true));
		one.finish();
		const suspend = first.values.get('cmi.suspend_data') ?? '';
		const location = first.values.get(names.location);
		expect(decodeSuspendData(suspend).best).toEqual({ 'who-called': 100, 'what-was-said': 100 });
		expect(first.values.get(version === '1.2' ? 'cmi.core.exit' : 'cmi.exit')).toBe('suspend');
		expect(first.refused).toEqual([]);

		const saved =
			version === '1.2'
				? { cmi: { suspend_data: suspend, core: { lesson_location: location, entry: 'resume' } } }
				: { cmi: { suspend_data: suspend, location, entry: 'resume' } };
		const second = newApi(version, saved);
		const two = new ScormSession(connect(version, second).lms, data);
		expect(two.start()).toEqual({ location: `${module.slug}/the-report.html` });
		// A worse answer later does not lower a best score; a new right one adds to them.
		two.settled(answer(questions[0] as Question, false));
		two.settled(answer(questions[2] as Question, true));
		expect(get(second, names.raw)).toBe(String(Math.round(300 / questions.length)));
	});

	it('ignores a location that is not one of its pages, and suspend_data it cannot read', () => {
		const saved =
			version === '1.2'
				? { cmi: { suspend_data: '{"v":1,"b":', core: { lesson_location: '../elsewhere.html', entry: 'resume' } } }
				: { cmi: { suspend_data: 'not json', location: '../elsewhere.html', entry: 'resume' } };
		const api = newApi(version, saved);
		const session = new ScormSession(connect(version, api).lms, data);
		expect(session.start()).toEqual({});
		session.settled(answer(questions[0] as Question, true));
		expect(decodeSuspendData(get(api, 'cmi.suspend_data')).best).toEqual({ 'who-called': 100 });
	});

	it('reports the session time when it ends, once', () => {
		let now = Date.parse('2026-12-02T10:00:00Z');
		const { lms, values, refused } = connect(version, newApi(version));
		let finishes = 0;
		const session = new ScormSession({ ...lms, finish: () => (finishes++, lms.finish()) }, data, () => new Date(now));
		session.start();
		now += 3_723_450;
		session.finish();
		session.finish();
		const element = version === '1.2' ? 'cmi.core.session_time' : 'cmi.session_time';
		expect(values.get(element)).toBe(version === '1.2' ? '0001:02:03.45' : 'PT1H2M3.45S');
		expect(refused).toEqual([]);
		expect(finishes).toBe(1);
	});
});
