/**
 * Finding and speaking to the LMS's SCORM API. Discovery is the standard algorithm (SCORM 1.2 RTE
 * 3.3.6.1, 2004 RTE 3.1.2.1): look in this window's parents, up to a bound, then in the opener's.
 * The two versions' calls differ only in name; `LmsConnection` hides that.
 */
import type { ScormVersion } from './package-data.ts';

export interface Api12 {
	LMSInitialize(parameter: ''): string;
	LMSFinish(parameter: ''): string;
	LMSGetValue(element: string): string;
	LMSSetValue(element: string, value: string): string;
	LMSCommit(parameter: ''): string;
	LMSGetLastError(): string;
}

export interface Api2004 {
	Initialize(parameter: ''): string;
	Terminate(parameter: ''): string;
	GetValue(element: string): string;
	SetValue(element: string, value: string): string;
	Commit(parameter: ''): string;
	GetLastError(): string;
}

export interface LmsConnection {
	version: ScormVersion;
	initialize(): boolean;
	get(element: string): string;
	/** False when the LMS refused the value (its error code is in `lastError`). */
	set(element: string, value: string): boolean;
	commit(): void;
	finish(): void;
	lastError(): string;
}

/** A window as discovery sees it: only the links it follows and the property it looks for. */
export interface ApiWindow {
	parent: ApiWindow | null;
	opener?: ApiWindow | null;
	API?: Api12;
	API_1484_11?: Api2004;
}

/** Frames nested deeper than this are not an LMS's (the bound the ADL examples use). */
const MAX_DEPTH = 500;

function searchUp(start: ApiWindow | null | undefined, name: 'API' | 'API_1484_11'): ApiWindow | undefined {
	let current = start;
	for (let depth = 0; current && depth < MAX_DEPTH; depth++) {
		try {
			if (current[name]) return current;
		} catch {
			// A cross-origin frame cannot be read: keep walking.
		}
		if (!current.parent || current.parent === current) return undefined;
		current = current.parent;
	}
	return undefined;
}

export function findApi(version: ScormVersion, from: ApiWindow): LmsConnection | undefined {
	const name = version === '1.2' ? 'API' : 'API_1484_11';
	let top: ApiWindow = from;
	while (top.parent && top.parent !== top) top = top.parent;
	const found = searchUp(from, name) ?? searchUp(top.opener, name);
	if (!found) return undefined;
	return version === '1.2' ? connect12(found.API as Api12) : connect2004(found.API_1484_11 as Api2004);
}

function connect12(api: Api12): LmsConnection {
	return {
		version: '1.2',
		initialize: () => api.LMSInitialize('') === 'true',
		get: (element) => api.LMSGetValue(element),
		set: (element, value) => api.LMSSetValue(element, value) === 'true',
		commit: () => void api.LMSCommit(''),
		finish: () => void api.LMSFinish(''),
		lastError: () => api.LMSGetLastError()
	};
}

function connect2004(api: Api2004): LmsConnection {
	return {
		version: '2004',
		initialize: () => api.Initialize('') === 'true',
		get: (element) => api.GetValue(element),
		set: (element, value) => api.SetValue(element, value) === 'true',
		commit: () => void api.Commit(''),
		finish: () => void api.Terminate(''),
		lastError: () => api.GetLastError()
	};
}
