/**
 * While the map is dragged, the pointer sweeps across actors: hovering must not highlight them then
 * (each highlight restyles every actor and relation, and made a large map drop frames mid-pan).
 */
import { fireEvent, render } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import NetworkMap from '$lib/components/map/NetworkMap.svelte';
import type { ModuleContext } from '$lib/model/course';
import type { LazyZoomOptions } from '$lib/network/lazy-zoom';
import { networkFixture, stubReducedMotion } from './context';

/** The map's zoom options, so the test can say when a gesture starts and ends, as d3-zoom does. */
const zoomOptions = vi.hoisted(() => ({ current: undefined as LazyZoomOptions | undefined }));
vi.mock('$lib/network/lazy-zoom', async (importOriginal) => {
	const original = await importOriginal<typeof import('$lib/network/lazy-zoom')>();
	return {
		...original,
		lazyZoom: (options: LazyZoomOptions) => {
			zoomOptions.current = options;
			return original.lazyZoom(options);
		}
	};
});

let module: ModuleContext;
beforeAll(async () => {
	module = await networkFixture();
	stubReducedMotion(false);
});

function moving(value: boolean) {
	flushSync(() => zoomOptions.current?.onmove?.(value));
}

describe('NetworkMap while it moves', () => {
	it('ignores hover during a drag, and highlights on hover again once it ends', async () => {
		const { container } = render(NetworkMap, { module });
		const actor = (id: string) => container.querySelector(`svg [data-actor="${id}"]`) as Element;

		moving(true);
		await fireEvent.pointerEnter(actor('dmitri-deputy'));
		expect(container.querySelectorAll('.dim')).toHaveLength(0);

		moving(false);
		await fireEvent.pointerEnter(actor('dmitri-deputy'));
		expect(container.querySelectorAll('.dim').length).toBeGreaterThan(0);
		expect(actor('dmitri-deputy').classList.contains('dim')).toBe(false);
	});
});
