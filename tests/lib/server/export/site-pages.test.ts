import { describe, expect, it } from 'vitest';
import { relocatePage } from '$lib/server/export/scorm/site-pages';

/** A page shaped like Kit's prerendered output (tests/browser/scorm.test.ts runs the real one). */
const page = `<!doctype html><html><head><link rel="icon" href="../favicon.svg" /></head>
<body data-sveltekit-preload-data="hover"><div style="display: contents">
<a href="/">Backchannel</a> <a href="/join">Join a class</a>
<a href="/m">Module</a> <a href="/m/people#ana">Ana</a> <a href="/m/next#part">Next</a>
<a href="#quiz">Quiz</a> <a href="https://example.org/x">Source</a> <img src="/logo.svg" alt="">
</div></body></html>`;

const files = new Set(['m.html', 'm/people.html', 'm/next.html', 'm/this.html', 'logo.svg']);

describe('a prerendered page relocated for a file server', () => {
	const html = relocatePage(page, 'm/this.html', 'm', files);

	it('turns in-site links into relative file paths, keeping anchors', () => {
		expect(html).toContain('<a href="../m.html">Backchannel</a>');
		expect(html).toContain('<a href="../m.html">Module</a>');
		expect(html).toContain('<a href="people.html#ana">Ana</a>');
		expect(html).toContain('<a href="next.html#part">Next</a>');
		expect(html).toContain('<img src="../logo.svg"');
	});

	it('leaves anchors, outside links and relative assets alone', () => {
		expect(html).toContain('<a href="#quiz">Quiz</a>');
		expect(html).toContain('<a href="https://example.org/x">Source</a>');
		expect(html).toContain('<link rel="icon" href="../favicon.svg" />');
	});

	it('hides links to pages the package does not carry', () => {
		expect(html).toContain('<a href="/join">Join a class</a>');
		expect(html).toContain('<style>a[href="/join"]{display:none}</style></head>');
	});

	it("leaves every link to the browser, so Kit's router never asks for route data", () => {
		expect(html).toContain('<body data-sveltekit-reload>');
		expect(html).not.toContain('data-sveltekit-preload-data');
	});
});
