/**
 * Universal hooks: types SvelteKit carries between the server and the browser besides plain data.
 */
import type { Transport } from '@sveltejs/kit';
import { decodeStaticHtml, encodeStaticHtml, STATIC_HTML } from '$lib/static-html';

export const transport: Transport = {
	[STATIC_HTML]: { encode: encodeStaticHtml, decode: decodeStaticHtml }
};
