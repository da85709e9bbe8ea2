/**
 * The relation kinds a module gets when its `module.yaml` declares none: the one definition of
 * this vocabulary (the loader checks events against it, the map, timeline, tables and cards word
 * and draw it). A module on another topic declares its own (`relationKinds`, lessons/README.md).
 */
import type { RelationKindDefinition } from './course.ts';

export const DEFAULT_RELATION_KINDS: readonly RelationKindDefinition[] = [
	{ id: 'call', label: 'Call', directed: false, phrase: 'Call with', reverse: 'Call with' },
	{ id: 'meeting', label: 'Meeting', directed: false, phrase: 'Meeting with', reverse: 'Meeting with' },
	{ id: 'statement', label: 'Statement about', directed: true, phrase: 'Statement about', reverse: 'Statement by' },
	{ id: 'criticism', label: 'Criticism', directed: true, phrase: 'Criticism of', reverse: 'Criticism by' },
	{ id: 'defence', label: 'Defence', directed: true, phrase: 'Defence of', reverse: 'Defended by' },
	{
		id: 'publication',
		label: 'Publication about',
		directed: true,
		phrase: 'Publication about',
		reverse: 'Reported on by'
	},
	{ id: 'other', label: 'Other', directed: true, phrase: 'Other, towards', reverse: 'Other, from' }
];

/** A kind as `module.yaml` may write it: an undirected kind may leave out `reverse`. */
export type DeclaredRelationKind = Omit<RelationKindDefinition, 'reverse'> & { reverse?: string };

/** The module's kinds: those its file declares, or the default set. */
export function resolveRelationKinds(declared: readonly DeclaredRelationKind[] | undefined): RelationKindDefinition[] {
	if (!declared) return DEFAULT_RELATION_KINDS.map((kind) => ({ ...kind }));
	return declared.map(({ id, label, directed, phrase, reverse }) => ({
		id,
		label,
		directed,
		phrase,
		reverse: reverse ?? phrase
	}));
}
