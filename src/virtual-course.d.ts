declare module 'virtual:backchannel/course' {
	import type { Course } from '$lib/model/course';
	export const course: Course;
}
