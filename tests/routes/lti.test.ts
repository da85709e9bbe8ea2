/**
 * LTI 1.3 over HTTP, against the simulated platform: the key set, the login redirect, deep linking
 * (its response verifies against /lti/jwks), learner and instructor launches, the new-window
 * fallback, key rotation and framing. Refusals are in lti-refusals.test.ts.
 */
import { createLocalJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { rotateToolKey } from '$lib/server/lti/keys';
import { AGS, DL, INSTRUCTOR, LTI } from '../fixtures/lti/platform';
import { LESSON, MODULE } from './course-questions';
import { app, contentItem, deepLink, land, launch, login, lti, platform, rowCounts, useLtiApp } from './lti-harness';
import { Client } from './server';

useLtiApp();

describe('GET /lti/jwks and /lti/login', () => {
	it('publishes the tool key set, public parts only', async () => {
		const response = await fetch(`${app.baseUrl}/lti/jwks`);
		expect(response.status).toBe(200);
		const { keys } = (await response.json()) as { keys: Array<Record<string, unknown>> };
		expect(keys.length).toBeGreaterThanOrEqual(1);
		for (const key of keys) {
			expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
			expect(typeof key.kid).toBe('string');
			expect(key).not.toHaveProperty('d');
		}
	});

	it('redirects to the platform with state, nonce, the hints, client id, redirect URI, form_post, openid, prompt=none', async () => {
		const { url, state, nonce } = await login(new Client(app.baseUrl));
		expect(url.origin + url.pathname).toBe(platform.authUrl);
		expect(Object.fromEntries(url.searchParams)).toMatchObject({
			scope: 'openid',
			response_type: 'id_token',
			response_mode: 'form_post',
			prompt: 'none',
			client_id: platform.clientId,
			redirect_uri: `${app.baseUrl}/lti/launch`,
			login_hint: 'opaque-login-hint',
			lti_message_hint: 'opaque-message-hint'
		});
		expect(state.length).toBeGreaterThanOrEqual(32);
		expect(nonce.length).toBeGreaterThanOrEqual(32);
		expect(await lti.findState(state, Date.now())).toMatchObject({ issuer: platform.issuer, nonce });
	});

	it('takes the initiation as a cross-site form post too', async () => {
		const response = await new Client(app.baseUrl).post(
			'/lti/login',
			{ iss: platform.issuer, login_hint: 'hint', target_link_uri: `${app.baseUrl}/lti/launch` },
			{ origin: platform.issuer }
		);
		expect(response.status).toBe(302);
		expect(response.headers.get('location')).toContain(platform.authUrl);
	});

	it('refuses an unknown issuer (403) and a login without login_hint (400), storing nothing', async () => {
		const before = rowCounts();
		const unknown = await new Client(app.baseUrl).get('/lti/login?iss=https%3A%2F%2Fother.example&login_hint=x');
		expect(unknown.status).toBe(403);
		expect(await unknown.text()).toContain('unknown platform');
		const noHint = await new Client(app.baseUrl).get(`/lti/login?iss=${encodeURIComponent(platform.issuer)}`);
		expect(noHint.status).toBe(400);
		expect(await noHint.text()).toContain('missing login_hint');
		expect(rowCounts()).toEqual(before);
	});
});

describe('deep linking, then launches', () => {
	it('returns a signed LtiDeepLinkingResponse that verifies against /lti/jwks, with a resource link and a line item', async () => {
		const { jwt, action } = await deepLink(new Client(app.baseUrl));
		expect(action).toBe(`${platform.issuer}/deep-link-return`);
		const keySet = createLocalJWKSet(await (await fetch(`${app.baseUrl}/lti/jwks`)).json());
		const { payload, protectedHeader } = await jwtVerify(jwt, keySet, {
			issuer: platform.clientId,
			audience: platform.issuer,
			algorithms: ['RS256']
		});
		expect(protectedHeader.kid).toBeTruthy();
		expect(payload).toMatchObject({
			[`${LTI}message_type`]: 'LtiDeepLinkingResponse',
			[`${LTI}version`]: '1.3.0',
			[`${LTI}deployment_id`]: platform.deploymentId,
			[`${DL}data`]: 'opaque-platform-data'
		});
		expect(typeof payload.nonce).toBe('string');
		const item = contentItem(jwt);
		expect(item).toMatchObject({
			type: 'ltiResourceLink',
			url: `${app.baseUrl}/lti/launch`,
			lineItem: { scoreMaximum: 100, label: 'Year 11: the leak' }
		});
		const [assignmentId] = (item.custom.backchannel_assignment ?? '').split('.');
		expect(await app.store.findAssignment(assignmentId ?? '')).toMatchObject({
			title: 'Year 11: the leak',
			lessons: [LESSON],
			passMark: 0.7,
			mode: 'practice'
		});
	});

	it('uses a deep-linking form once, and shows the form again with its errors', async () => {
		const client = new Client(app.baseUrl);
		const launched = await launch(client, (nonce) => platform.deepLinkingClaims(nonce));
		const formPath = launched.headers.get('location') ?? '';
		const refused = await client.post(formPath, {
			title: '',
			lessons: [],
			passMark: '70',
			tries: '2',
			reveal: 'immediate',
			due: ''
		});
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('Title: give the assignment a title');
		const fields = {
			title: 'Once',
			lessons: [`${MODULE}/${LESSON}`],
			passMark: '70',
			tries: '2',
			reveal: 'immediate',
			mode: 'practice',
			due: ''
		};
		expect((await client.post(formPath, fields)).status).toBe(200);
		expect((await client.post(formPath, fields)).status).toBe(410);
	});

	it('signs a learner in as the same student on every launch and device, and records the line item', async () => {
		const { jwt } = await deepLink(new Client(app.baseUrl));
		const custom = contentItem(jwt).custom;
		const [assignmentId] = (custom.backchannel_assignment ?? '').split('.');
		const learnerClaims = (nonce: string) =>
			platform.resourceLinkClaims(nonce, {
				sub: 'learner-42',
				name: 'Ada Lovelace',
				[`${LTI}resource_link`]: { id: 'link-after-deep-linking' },
				[`${LTI}custom`]: custom
			});

		const laptop = new Client(app.baseUrl);
		const classPath = await land(laptop, await launch(laptop, learnerClaims));
		expect(classPath).toBe(`/class/${assignmentId}`);
		const page = await laptop.get(classPath);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Ada Lovelace');
		expect(html).toContain('data-testid="lms-sign-in"');

		const phone = new Client(app.baseUrl);
		expect(await land(phone, await launch(phone, learnerClaims))).toBe(classPath);
		expect((await phone.get(classPath)).status).toBe(200);
		const students = await app.store.listStudents(assignmentId ?? '');
		expect(students).toHaveLength(1);
		const link = await lti.findStudentLinkOfStudent(students[0]?.id ?? '');
		expect(link).toMatchObject({
			issuer: platform.issuer,
			subject: 'learner-42',
			clientId: platform.clientId,
			deploymentId: platform.deploymentId,
			resourceLinkId: 'link-after-deep-linking'
		});

		expect(await lti.listResourceLinksOfAssignment(assignmentId ?? '')).toEqual([
			expect.objectContaining({
				issuer: platform.issuer,
				deploymentId: platform.deploymentId,
				resourceLinkId: 'link-after-deep-linking',
				lineItemUrl: `${platform.issuer}/courses/7/lineitems/1`,
				agsScopes: ['https://purl.imsglobal.org/spec/lti-ags/scope/score']
			})
		]);
		// A later launch of the same link without the custom parameter still finds it.
		const again = new Client(app.baseUrl);
		const withoutCustom = (nonce: string) => ({
			...learnerClaims(nonce),
			[`${LTI}custom`]: undefined,
			[`${AGS}endpoint`]: undefined
		});
		expect(await land(again, await launch(again, withoutCustom))).toBe(classPath);
	});

	it('sends an instructor to the assignment dashboard without its secret link', async () => {
		const { jwt } = await deepLink(new Client(app.baseUrl));
		const custom = contentItem(jwt).custom;
		const [assignmentId] = (custom.backchannel_assignment ?? '').split('.');
		const teacher = new Client(app.baseUrl);
		const dashboard = await land(
			teacher,
			await launch(teacher, (nonce) =>
				platform.resourceLinkClaims(nonce, {
					sub: 'teacher-1',
					[`${LTI}roles`]: [INSTRUCTOR],
					[`${LTI}resource_link`]: { id: 'instructor-link' },
					[`${LTI}custom`]: custom
				})
			)
		);
		expect(dashboard).toBe(`/teach/${assignmentId}/lms`);
		const page = await teacher.get(dashboard);
		expect(page.status).toBe(200);
		expect(await page.text()).toMatch(/Teacher(&#39;|')s dashboard/);
		expect((await teacher.get(`${dashboard}/results.csv`)).status).toBe(200);
		// No student was made for the instructor, and without the session there is no way in.
		expect(await app.store.listStudents(assignmentId ?? '')).toHaveLength(0);
		expect((await new Client(app.baseUrl).get(dashboard)).status).toBe(404);
	});

	it('offers a new window when the frame drops the probe cookie, and the ticket works once', async () => {
		const { jwt } = await deepLink(new Client(app.baseUrl));
		const custom = contentItem(jwt).custom;
		const client = new Client(app.baseUrl);
		const launched = await launch(client, (nonce) =>
			platform.resourceLinkClaims(nonce, {
				sub: 'learner-safari',
				[`${LTI}resource_link`]: { id: 'safari' },
				[`${LTI}custom`]: custom
			})
		);
		const landing = launched.headers.get('location') ?? '';
		// A browser that blocks third-party cookies comes back without the probe.
		const blocked = await fetch(`${app.baseUrl}${landing}`, { redirect: 'manual' });
		expect(blocked.status).toBe(200);
		const page = await blocked.text();
		expect(page).toContain('Open in a new window');
		expect(page).toContain(`href="${landing}?window=new" target="_blank"`);
		const newWindow = new Client(app.baseUrl);
		const opened = await newWindow.get(`${landing}?window=new`);
		expect(opened.status).toBe(303);
		expect((await newWindow.get(opened.headers.get('location') ?? '')).status).toBe(200);
		expect((await new Client(app.baseUrl).get(`${landing}?window=new`)).status).toBe(410);
	});

	it('signs deep-linking responses with a rotated key, which /lti/jwks publishes beside the old one', async () => {
		const before = (await (await fetch(`${app.baseUrl}/lti/jwks`)).json()) as { keys: Array<{ kid: string }> };
		const rotated = await rotateToolKey(lti);
		const after = (await (await fetch(`${app.baseUrl}/lti/jwks`)).json()) as { keys: Array<{ kid: string }> };
		expect(after.keys.map((key) => key.kid)).toEqual([...before.keys.map((key) => key.kid), rotated.kid]);
		const { jwt } = await deepLink(new Client(app.baseUrl));
		const { protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(after), { audience: platform.issuer });
		expect(protectedHeader.kid).toBe(rotated.kid);
	});
});

describe('frames and cookies', () => {
	it('lets the registered platform frame LTI pages and keeps every other classroom page unframeable', async () => {
		const refused = await new Client(app.baseUrl).post('/lti/launch', { state: 'x' }, { origin: platform.issuer });
		expect(refused.headers.get('content-security-policy')).toBe(`frame-ancestors 'self' ${platform.issuer}`);
		expect(refused.headers.get('x-frame-options')).toBeNull();
		const teach = await new Client(app.baseUrl).get('/teach');
		expect(teach.headers.get('x-frame-options')).toBe('DENY');
	});

	it('still refuses other cross-site form posts', async () => {
		const response = await new Client(app.baseUrl).post('/teach?/create', { title: 'x' }, { origin: platform.issuer });
		expect(response.status).toBe(403);
	});
});
