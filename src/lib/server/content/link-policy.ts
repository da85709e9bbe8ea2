/**
 * What lesson Markdown may link to and show. Authors link to the web (http, https), to an address
 * (mailto), to a person's card (actor:) and to pages of the site; anything a browser would run
 * (javascript:, vbscript:, data:), however it is spelt or percent-encoded, is refused, as are
 * remote images, which let a third party see every learner who opens the page.
 */
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const ALLOWED_LINK_SCHEMES = new Set(['http', 'https', 'mailto', 'actor']);

/** The scheme a browser would see: after percent-decoding and without the blanks and control
 * characters it ignores inside a scheme (`java\tscript:`). */
function effectiveScheme(href: string): string | undefined {
	let decoded = href;
	for (let round = 0; round < 3; round++) {
		try {
			const next = decodeURIComponent(decoded);
			if (next === decoded) break;
			decoded = next;
		} catch {
			break;
		}
	}
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is stripped
	const compact = decoded.replace(/[\u0000-\u0020\u007f]/g, '');
	return SCHEME.exec(compact)?.[1]?.toLowerCase();
}

export function linkProblem(href: string): string | undefined {
	const scheme = effectiveScheme(href);
	if (scheme === undefined || ALLOWED_LINK_SCHEMES.has(scheme)) return undefined;
	return `link: expected an http(s), mailto, actor: or site link, found a "${scheme}:" link (${JSON.stringify(href.slice(0, 60))})`;
}

export function imageProblem(src: string): string | undefined {
	const scheme = effectiveScheme(src);
	if (scheme === undefined && !src.startsWith('//')) return undefined;
	return `image: expected an image kept with the site, found ${scheme ? `a "${scheme}:" address` : 'a remote address'} (${JSON.stringify(src.slice(0, 60))}); remote images let others track who reads the lesson`;
}

/** The module being checked: its slug and every page it has. */
export interface SitePages {
	slug: string;
	pages: ReadonlySet<string>;
	/** Every module folder's slug: a link into another module is checked there, by its own pages. */
	modules: ReadonlySet<string>;
}

/** A link to a page of the site (a path from `/`) must reach a page that exists. */
export function sitePageProblem(href: string, site: SitePages): string | undefined {
	if (!href.startsWith('/') || href.startsWith('//')) return undefined;
	const path = (href.split(/[?#]/)[0] ?? '/').replace(/(.)\/$/, '$1');
	const module = path.split('/')[1] ?? '';
	if (path === '/' || site.pages.has(path)) return undefined;
	if (module !== site.slug && site.modules.has(module)) return undefined;
	return `link: expected a page of this site, found "${path}", which does not exist`;
}
