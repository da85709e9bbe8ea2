/**
 * What the teacher's dashboard receives from the server: plain data, computed there, that the
 * components only render. Nothing here holds a secret or another assignment's data.
 */
import type { PassMark } from '$lib/pass-mark';

export interface RosterRow {
	studentId: string;
	/** As the student typed it: render as text, never as HTML. */
	name: string;
	lessonsCompleted: number;
	answered: number;
	/** 0 to 1 over every assigned question. */
	score: number;
	passed: boolean;
	joinedAt: number;
	lastActiveAt: number;
	/** When others on the roster have the same name: which of them (in join order) this is. */
	sameName: { position: number; of: number } | null;
}

export interface QuestionStat {
	questionId: string;
	number: number;
	lessonSlug: string;
	lessonTitle: string;
	/** Rendered from the lesson file at build time (safe HTML). */
	promptHtml: string;
	/** Students with at least one try. */
	answered: number;
	/** Share of those whose last try is fully correct; `null` before anyone answers. */
	correctShare: number | null;
	/** The most frequent wrong last answer, in words. */
	commonWrong: { text: string; count: number } | null;
	/** Upper–lower 27% discrimination index, −1 to 1; `null` with too few students. */
	discrimination: number | null;
	/** In an assessed assignment: which variant of which slot this row is. */
	variant: {
		slotId: string;
		/** "A", "B"… in file order. */
		label: string;
		/** Set when its share correct differs from its siblings' by more than 25 points. */
		siblingShare: number | null;
	} | null;
}

export interface HistogramBar {
	/** Bin bounds in percent: [from, to), the last bin includes 100. */
	from: number;
	to: number;
	count: number;
	x: number;
	y: number;
	width: number;
	height: number;
}

export interface HistogramTick {
	value: number;
	position: number;
	label: string;
}

/** A score histogram already laid out in SVG user units (d3-scale on the server). */
export interface HistogramLayout {
	width: number;
	height: number;
	plot: { left: number; right: number; top: number; bottom: number };
	bars: HistogramBar[];
	xTicks: HistogramTick[];
	yTicks: HistogramTick[];
	/** `value` 0 to 1, like every pass mark; `x` where its line is drawn. */
	passMark: { value: PassMark; x: number };
	/** Students counted: those who answered at least one question. */
	total: number;
}

export interface DashboardView {
	assignment: {
		id: string;
		title: string;
		joinCode: string;
		moduleTitle: string;
		lessons: { slug: string; title: string; questions: number }[];
		dueAt: number | null;
		passMark: PassMark;
		tries: number;
		reveal: 'immediate' | 'after-due';
		mode: 'practice' | 'assessed';
		releasedAt: number | null;
		createdAt: number;
		state: { open: true } | { open: false; reason: 'closed' | 'past-due'; since: number };
	};
	roster: RosterRow[];
	questions: QuestionStat[];
	histogram: HistogramLayout;
	/** Students needed before the discrimination index is given. */
	discriminationMinimum: number;
}

/** One question as the teacher's preview and answer key show it, key included. */
export interface PreviewVariant {
	id: string;
	/** "A", "B"… in an assessed assignment; empty for a practice question. */
	label: string;
	/** Rendered from the lesson files at build time (safe HTML). */
	promptHtml: string;
	hintHtml: string | null;
	/** What the student chooses among, in file order: options, statements, quotes, events. */
	choices: string[];
	/** The correct answer in words. */
	answer: string;
	explanationHtml: string;
}

/** A slot of an assessed assignment (all its variants), or one practice question. */
export interface PreviewSlot {
	number: number;
	id: string;
	objective: string | null;
	lessonTitle: string;
	type: string;
	variants: PreviewVariant[];
}

export interface AssessmentPreview {
	title: string;
	mode: 'practice' | 'assessed';
	slots: PreviewSlot[];
}
