declare module 'virtual:backchannel/assessment' {
	import type { AssessmentBank } from '$lib/model/assessment';
	export const assessment: AssessmentBank;
}
