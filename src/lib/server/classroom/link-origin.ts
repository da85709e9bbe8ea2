/**
 * The origin to print in the links a teacher copies (join link, dashboard link), right before any
 * script runs. Without `ORIGIN` or `PROTOCOL_HEADER`, adapter-node builds every request URL as
 * `https://` (it cannot know), yet its own server only speaks plain HTTP: a school running
 * `npm start` on its network would see links that do not open. So when neither is configured and
 * the request came through adapter-node's server (it passes the Node request as `platform.req`),
 * the scheme is HTTP, unless a proxy in front says otherwise with `X-Forwarded-Proto` (the link
 * is only shown to the teacher, so trusting the header can mislead no one else). Under Vite (dev,
 * tests) the URL is already right.
 */
export interface OriginSources {
	url: URL;
	headers: Headers;
	/** Whether adapter-node's server handled the request (`platform.req` is set). */
	viaAdapterNode: boolean;
	env: { ORIGIN?: string; PROTOCOL_HEADER?: string };
}

export function linkOrigin({ url, headers, viaAdapterNode, env }: OriginSources): string {
	if (env.ORIGIN || env.PROTOCOL_HEADER || !viaAdapterNode) return url.origin;
	const forwarded = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
	const scheme = forwarded === 'https' ? 'https' : 'http';
	return `${scheme}://${url.host}`;
}

/** Whether the platform object is adapter-node's (`{ req }`, a Node request). */
export function isAdapterNodePlatform(platform: unknown): boolean {
	return typeof platform === 'object' && platform !== null && 'req' in platform;
}
