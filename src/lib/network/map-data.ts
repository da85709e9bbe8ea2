/**
 * What the network map and its actor card read: the module's cast, relations, sources' names,
 * lesson titles, quotes and layout, without lesson bodies, quizzes or the timeline. The full map
 * page gets it as page data; lesson pages and the quiz fetch it (`/<module>/map.json`) only when
 * the learner starts using a map, so it is not in the lesson's first load.
 */
import type {
	Actor,
	ActorQuote,
	CourseEvent,
	Labelled,
	NetworkLayout,
	RelationKindDefinition,
	Source
} from '$lib/model/course';

export type MapEvent = Pick<
	CourseEvent,
	'id' | 'title' | 'date' | 'kind' | 'from' | 'to' | 'participants' | 'href' | 'sources'
>;

export interface MapModule {
	slug: string;
	title: string;
	sides: Labelled[];
	/** The kinds of relation, in legend order: how each is drawn and worded. */
	relationKinds: RelationKindDefinition[];
	actors: Actor[];
	events: MapEvent[];
	sources: Pick<Source, 'id' | 'outlet'>[];
	lessons: { slug: string; title: string }[];
	quotes: ActorQuote[];
	network: NetworkLayout;
}

/** What the actor card needs besides the actor. */
export type CardModule = Pick<
	MapModule,
	'slug' | 'sides' | 'relationKinds' | 'events' | 'sources' | 'lessons' | 'quotes'
>;

/** What the people page needs: every actor's card, without the map's layout. */
export type CastModule = Omit<MapModule, 'network'>;
