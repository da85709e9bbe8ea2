/**
 * Which pages the registered LMSs may show in a frame. The classroom is otherwise never framed
 * (clickjacking); an LTI launch, though, opens inside the LMS's course page, so the launch and
 * landing pages, the student's assignment pages and the LMS instructor's dashboard allow the
 * registered platforms' origins (CSP `frame-ancestors`) and no one else. With no platform
 * registered, nothing changes: `X-Frame-Options: DENY` everywhere.
 */
const FRAMEABLE = /^\/(lti(\/|$)|class\/|teach\/[^/]+\/lms(\/|$))/;

export function frameHeaders(pathname: string, frameOrigins: readonly string[]): Record<string, string> {
	if (frameOrigins.length === 0 || !FRAMEABLE.test(pathname)) return { 'x-frame-options': 'DENY' };
	return { 'content-security-policy': `frame-ancestors 'self' ${frameOrigins.join(' ')}` };
}
