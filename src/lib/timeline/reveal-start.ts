/** How far inside the scrolling box's left edge a mark's start is brought. */
export const START_MARGIN = 24;

/**
 * Brings the start of a timeline mark into view inside its sideways-scrolling box (`.scroll`),
 * after focus has scrolled it. Focus scrolls the whole link into view, and Chromium centres a
 * link wider than the box: on a phone, a month-only bar (wider than the screen) then has its
 * start cut off, where its month begins and its title is written. A learner moving by keyboard
 * expects what every day marker gives: the mark's start in view.
 */
export function revealStart(link: Element): void {
	const scroll = link.closest<HTMLElement>('.scroll');
	const mark = link.querySelector('.span, .marker');
	if (!scroll || !mark) return;
	const box = scroll.getBoundingClientRect();
	const start = mark.getBoundingClientRect().left;
	if (start >= box.left && start <= box.right - START_MARGIN) return;
	scroll.scrollLeft += start - box.left - START_MARGIN;
}
