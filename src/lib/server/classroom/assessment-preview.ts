/**
 * The teacher's preview of an assignment with its keys: every slot and every variant (or every
 * practice question), the correct answer in words, the explanation and the hint. Served only
 * behind the dashboard key; it is also the printable answer-key sheet.
 */
import type { AssessmentPreview, PreviewSlot, PreviewVariant } from '$lib/classroom/dashboard-view';
import type { Module, Question } from '$lib/model/course';
import type { AssignmentRecord } from '$lib/server/db';
import { teacherItems } from './assigned-lessons.ts';
import { describeAnswer } from './describe.ts';
import { variantLabel } from './statistics.ts';

function choices(question: Question): string[] {
	switch (question.type) {
		case 'single':
		case 'multiple':
			return question.options.map((option) => option.text);
		case 'ordering':
			return question.items.map((item) => item.text);
		case 'matching':
			return question.quotes.map((quote) => `“${quote.text}”`);
		case 'classification':
			return question.statements.map((statement) => statement.text);
		case 'truefalse':
		case 'map':
			return [];
	}
}

function previewVariant(question: Question, label: string, module: Module | undefined): PreviewVariant {
	return {
		id: question.id,
		label,
		promptHtml: question.promptHtml,
		hintHtml: question.hintHtml ?? null,
		choices: choices(question),
		answer: describeAnswer(question, module),
		explanationHtml: question.explanationHtml
	};
}

export function assessmentPreview(assignment: AssignmentRecord): AssessmentPreview {
	const { module, questions } = teacherItems(assignment);
	const slots: PreviewSlot[] = [];
	for (const entry of questions) {
		let slot = slots.find((candidate) => candidate.number === entry.number);
		if (!slot) {
			slot = {
				number: entry.number,
				id: entry.slot?.id ?? entry.question.id,
				objective: entry.slot?.objective ?? null,
				lessonTitle: entry.lesson.title,
				type: entry.question.type,
				variants: []
			};
			slots.push(slot);
		}
		const label = entry.slot ? variantLabel(entry.slot.variant) : '';
		slot.variants.push(previewVariant(entry.question, label, module));
	}
	return { title: assignment.title, mode: assignment.mode, slots };
}
