/**
 * Universal hooks: types SvelteKit carries between the server and the browser besides plain data.
 */
import type { Transport } from '@sveltejs/kit';
import { decodeStaticHtml, encodeStaticHtml } from '$lib/static-html';

export const transport: Transport = {
	StaticHtml: { encode: encodeStaticHtml, decode: decodeStaticHtml }
};
