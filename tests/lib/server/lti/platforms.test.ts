/** The platform registrations file: valid entries, and every problem located. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlatforms, platformsSource, PlatformsFileError, readPlatforms } from '$lib/server/lti/platforms';

const valid = {
	name: 'School Moodle',
	issuer: 'https://moodle.example.org',
	client_id: 'abc123',
	deployment_ids: ['1'],
	auth_url: 'https://moodle.example.org/mod/lti/auth.php',
	token_url: 'https://moodle.example.org/mod/lti/token.php',
	jwks_url: 'https://moodle.example.org/mod/lti/certs.php'
};

function problems(text: string): string[] {
	try {
		parsePlatforms('lti-platforms.json', text);
	} catch (error) {
		if (error instanceof PlatformsFileError) return error.problems;
		throw error;
	}
	throw new Error('the file was accepted');
}

describe('lti-platforms.json', () => {
	it('reads a registration, framing allowed from the issuer and auth URL origins by default', () => {
		expect(parsePlatforms('f', JSON.stringify({ platforms: [valid] }))).toEqual([
			{
				name: 'School Moodle',
				issuer: valid.issuer,
				clientId: 'abc123',
				deploymentIds: ['1'],
				authUrl: valid.auth_url,
				tokenUrl: valid.token_url,
				jwksUrl: valid.jwks_url,
				frameOrigins: ['https://moodle.example.org']
			}
		]);
		const canvas = parsePlatforms(
			'f',
			JSON.stringify({ platforms: [{ ...valid, frame_origins: ['https://school.instructure.com'] }] })
		);
		expect(canvas[0]?.frameOrigins).toEqual(['https://school.instructure.com']);
	});

	it('names every problem with its place in the file', () => {
		const { jwks_url: _dropped, ...withoutJwks } = valid;
		expect(
			problems(
				JSON.stringify({
					platforms: [
						{ ...valid, auth_url: 'http://moodle.example.org/auth', deployment_ids: [] },
						withoutJwks,
						{ ...valid, extra: true }
					]
				})
			)
		).toEqual([
			'platforms[0].deployment_ids: list at least one deployment id',
			'platforms[0].auth_url: expected an https:// URL (plain http:// only on localhost)',
			'platforms[1].jwks_url: expected a URL string',
			expect.stringMatching(/^platforms\[2\]: .*extra/)
		]);
		expect(problems('{ "platforms": [')[0]).toMatch(/^not valid JSON/);
		expect(problems(JSON.stringify({ platforms: [valid, valid] }))).toEqual([
			'platforms[1].client_id: the issuer https://moodle.example.org with client id abc123 is registered twice'
		]);
	});

	it('is optional at its default place and required where LTI_PLATFORMS_FILE points', () => {
		const dir = mkdtempSync(join(tmpdir(), 'backchannel-lti-platforms-'));
		try {
			expect(readPlatforms(platformsSource({ DATA_DIR: dir }, 'data'))).toEqual([]);
			const named = join(dir, 'named.json');
			expect(() => readPlatforms(platformsSource({ LTI_PLATFORMS_FILE: named }, 'data'))).toThrow(
				`${named}: no such file (LTI_PLATFORMS_FILE names it)`
			);
			writeFileSync(join(dir, 'lti-platforms.json'), JSON.stringify({ platforms: [valid] }));
			expect(readPlatforms(platformsSource({ DATA_DIR: dir }, 'data'))).toHaveLength(1);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
