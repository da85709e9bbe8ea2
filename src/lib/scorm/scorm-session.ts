/**
 * One learner's session with the LMS, as the launch page runs it: resumes from `suspend_data` and
 * the location, reports each settled question as an interaction, keeps the score over every
 * lesson's quiz (each question's best result, as a percentage), the completion and success
 * status against the pass mark, and the session time. No DOM: the tests give it a fake LMS.
 */
import { passMarkFromPercent, type PassMark } from '../pass-mark.ts';
import type { SettledAnnouncement } from '../quiz/settled-announcement.ts';
import { moment, responsePattern, resultWord, timespan } from './cmi-vocabulary.ts';
import type { LmsConnection } from './lms-api.ts';
import type { PackageData } from './package-data.ts';
import { decodeSuspendData, encodeSuspendData, type SuspendState } from './suspend-data.ts';

/** The data model's element names in each version. */
const ELEMENTS = {
	'1.2': {
		location: 'cmi.core.lesson_location',
		status: 'cmi.core.lesson_status',
		raw: 'cmi.core.score.raw',
		min: 'cmi.core.score.min',
		max: 'cmi.core.score.max',
		exit: 'cmi.core.exit',
		sessionTime: 'cmi.core.session_time',
		passing: 'cmi.student_data.mastery_score',
		learnerResponse: 'student_response',
		timestamp: 'time'
	},
	'2004': {
		location: 'cmi.location',
		status: 'cmi.completion_status',
		raw: 'cmi.score.raw',
		min: 'cmi.score.min',
		max: 'cmi.score.max',
		exit: 'cmi.exit',
		sessionTime: 'cmi.session_time',
		passing: 'cmi.scaled_passing_score',
		learnerResponse: 'learner_response',
		timestamp: 'timestamp'
	}
} as const;

export class ScormSession {
	private state: SuspendState = { best: {} };
	private readonly startedAt: number;
	private finished = false;

	constructor(
		private readonly lms: LmsConnection,
		private readonly data: PackageData,
		private readonly now: () => Date = () => new Date()
	) {
		this.startedAt = now().getTime();
	}

	private get names() {
		return ELEMENTS[this.lms.version];
	}

	/** Opens the session; returns the page to resume at, if the LMS kept one. */
	start(): { location?: string } {
		if (!this.lms.initialize()) throw new Error(`the LMS refused to start the session (error ${this.lms.lastError()})`);
		this.state = decodeSuspendData(this.lms.get('cmi.suspend_data'));
		const location = this.lms.get(this.names.location);
		const status = this.lms.get(this.names.status);
		if (status === '' || status === 'not attempted' || status === 'unknown')
			this.lms.set(this.names.status, 'incomplete');
		this.lms.commit();
		return this.data.pages.includes(location) ? { location } : {};
	}

	/** The pass mark, 0 to 1: the LMS's mastery (1.2) or passing (2004) score when it sets one. */
	passMark(): PassMark {
		const set = Number.parseFloat(this.lms.get(this.names.passing));
		if (!Number.isFinite(set)) return this.data.passMark;
		// 1.2's mastery_score is 0 to 100; 2004's scaled_passing_score already a share.
		return this.lms.version === '1.2' ? passMarkFromPercent(set) : set;
	}

	navigated(location: string): void {
		if (this.finished || !this.data.pages.includes(location)) return;
		this.lms.set(this.names.location, location);
		this.lms.commit();
	}

	settled(answer: SettledAnnouncement): void {
		const question = this.data.questions.find((candidate) => candidate.id === answer.questionId);
		if (this.finished || !question) return;
		const version = this.lms.version;
		const percent = Math.round(answer.score * 100);
		this.state.best[question.id] = Math.max(this.state.best[question.id] ?? 0, percent);

		const n = this.lms.get('cmi.interactions._count') || '0';
		const prefix = `cmi.interactions.${n}`;
		const fields: [string, string][] = [
			[`${prefix}.id`, question.id],
			[`${prefix}.type`, question.type],
			[`${prefix}.${this.names.timestamp}`, moment(version, this.now())],
			[`${prefix}.weighting`, '1'],
			...(answer.response
				? ([[`${prefix}.${this.names.learnerResponse}`, responsePattern(version, answer.response)]] as [
						string,
						string
					][])
				: []),
			[`${prefix}.result`, resultWord(version, answer.correct)],
			[`${prefix}.latency`, timespan(version, answer.latencyMs)],
			[`${prefix}.correct_responses.0.pattern`, question.pattern]
		];
		if (version === '2004') fields.push([`${prefix}.description`, question.description.slice(0, 250)]);
		for (const [element, value] of fields) this.lms.set(element, value);

		this.reportScore();
		this.lms.set('cmi.suspend_data', encodeSuspendData(this.state));
		this.lms.commit();
	}

	/** Score over all the module's questions; complete once every question has been answered. */
	private reportScore(): void {
		const total = this.data.questions.length;
		const points = this.data.questions.reduce((sum, question) => sum + (this.state.best[question.id] ?? 0), 0);
		const raw = total === 0 ? 0 : Math.round(points / total);
		const complete = this.data.questions.every((question) => question.id in this.state.best);
		// Exact, not reachesPassMark's whole percentages: a 2004 LMS judges this score against the
		// manifest's minNormalizedMeasure, decimals kept (0.771), and this status must agree.
		const passed = raw / 100 >= this.passMark();
		this.lms.set(this.names.min, '0');
		this.lms.set(this.names.max, '100');
		this.lms.set(this.names.raw, String(raw));
		if (this.lms.version === '1.2') {
			this.lms.set(this.names.status, complete ? (passed ? 'passed' : 'failed') : 'incomplete');
			return;
		}
		this.lms.set('cmi.score.scaled', String(raw / 100));
		this.lms.set('cmi.completion_status', complete ? 'completed' : 'incomplete');
		this.lms.set('cmi.success_status', complete ? (passed ? 'passed' : 'failed') : 'unknown');
	}

	finish(): void {
		if (this.finished) return;
		this.finished = true;
		this.lms.set(this.names.sessionTime, timespan(this.lms.version, this.now().getTime() - this.startedAt));
		// Always suspend: the learner can come back to the same page with the same answers kept.
		this.lms.set(this.names.exit, 'suspend');
		this.lms.commit();
		this.lms.finish();
	}
}
