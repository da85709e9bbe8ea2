/**
 * Renders a component to static markup at build time (svelte/server's `render`), for a page to
 * insert with `{@html}`: markup that needs no component code and no hydration in the browser.
 * Such components inject their styles (`<svelte:options css="injected" />`), since the page does
 * not load them: the styles are collected for the page's head.
 */
import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { StaticHtml } from '$lib/static-html';

/**
 * Svelte's hydration markers: the markup is never hydrated, so they are only bytes. Blocks open
 * with `<!--[-->`, or with the branch taken (`<!--[0-->`, `<!--[-1-->`, `<!--[!-->`), close with
 * `<!--]-->`, and `<!---->` anchors text and components. Only these exact forms go: a comment
 * with words in it (an author's, in lesson Markdown) is left as it is.
 */
const HYDRATION_MARKERS = /<!--(?:\[-?\d*!?|\]!?)?-->/g;

/** Renders a component to static markup, adding the styles it injects to `styles`. */
export function renderStatic<Props extends Record<string, unknown>>(
	component: Component<Props>,
	props: Props,
	styles: Map<string, string>
): StaticHtml {
	const { head, body } = render(component as Component<Record<string, unknown>>, { props });
	for (const style of head.match(/<style id="[^"]+">[\s\S]*?<\/style>/g) ?? [])
		styles.set(style.slice(0, style.indexOf('>')), style);
	return new StaticHtml(body.replace(HYDRATION_MARKERS, ''));
}

/** The styles collected by `renderStatic`, as one block for the page's head. */
export function collectedStyles(styles: Map<string, string>): StaticHtml {
	return new StaticHtml([...styles.values()].join(''));
}
