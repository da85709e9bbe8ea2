import { describe, expect, it } from 'vitest';
import { findApi, type Api12, type Api2004, type ApiWindow } from '$lib/scorm/lms-api';

const api12 = (name: string): Api12 => ({
	LMSInitialize: () => 'true',
	LMSFinish: () => 'true',
	LMSGetValue: () => name,
	LMSSetValue: () => 'true',
	LMSCommit: () => 'true',
	LMSGetLastError: () => '0'
});

const api2004 = (name: string): Api2004 => ({
	Initialize: () => 'true',
	Terminate: () => 'true',
	GetValue: () => name,
	SetValue: () => 'true',
	Commit: () => 'true',
	GetLastError: () => '0'
});

/** A chain of frames, the top one first; returns the innermost (where the package runs). */
function frames(...levels: Omit<ApiWindow, 'parent'>[]): ApiWindow {
	let parent: ApiWindow | null = null;
	let window: ApiWindow | undefined;
	for (const level of levels) {
		window = { ...level, parent: null };
		window.parent = parent ?? window; // a top window is its own parent
		parent = window;
	}
	if (!window) throw new Error('no frames');
	return window;
}

describe('finding the LMS API', () => {
	it("finds SCORM 1.2's API in the nearest parent frame that has it", () => {
		const inner = frames({ API: api12('top') }, {}, { API: api12('lms frame') }, {}, {});
		expect(findApi('1.2', inner)?.get('x')).toBe('lms frame');
	});

	it("finds SCORM 2004's API_1484_11, not 1.2's, for a 2004 package", () => {
		const inner = frames({ API_1484_11: api2004('2004') }, { API: api12('1.2') }, {});
		const found = findApi('2004', inner);
		expect(found?.version).toBe('2004');
		expect(found?.get('x')).toBe('2004');
	});

	it("looks in the opener's frames when the package was opened in a new window", () => {
		const opener = frames({ API: api12('opener') }, {});
		const inner = frames({ opener }, {});
		expect(findApi('1.2', inner)?.get('x')).toBe('opener');
	});

	it('finds nothing outside an LMS, so the package runs on its own', () => {
		expect(findApi('1.2', frames({}, {}))).toBeUndefined();
		expect(findApi('2004', frames({ API: api12('only 1.2') }))).toBeUndefined();
	});
});
