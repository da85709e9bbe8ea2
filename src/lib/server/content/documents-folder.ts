/**
 * Where a module's sources are traced: the module's own `documents/` folder when it has one (so a
 * module on any topic keeps its own evidence), else shared/sources beside the project (the
 * documents the Witkoff module was written from). Without either, the trace checks cannot run, and
 * the checker says so rather than passing silently.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface DocumentsFolder {
	dir: string;
	/** How messages name the folder: `witkoff-leak/documents` or `shared/sources`. */
	shownAs: string;
}

export function documentsFolder(moduleDir: string, slug: string, sharedSources?: string): DocumentsFolder | undefined {
	const own = join(moduleDir, 'documents');
	if (existsSync(own)) return { dir: own, shownAs: `${slug}/documents` };
	return sharedSources ? { dir: sharedSources, shownAs: 'shared/sources' } : undefined;
}

/** One line for the checker's report: which provenance checks ran on a module, or why none did. */
export function provenanceNote(slug: string, documents: DocumentsFolder | undefined): string {
	return documents
		? `${slug}: each source's trace document and URL checked against ${documents.shownAs}`
		: `${slug}: trace documents and source URLs NOT checked: the module has no documents/ folder and there is no shared/sources beside the project`;
}
