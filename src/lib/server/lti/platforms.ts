/**
 * Registered LMS platforms, read once at start-up from a JSON file: `LTI_PLATFORMS_FILE`, or
 * `<DATA_DIR>/lti-platforms.json`. A missing default file means no platform is registered (LTI is
 * off); a file that is named but missing, unreadable or invalid stops the server with every
 * problem and where it is (`file: platforms[0].jwks_url: …`), as a bad lesson file stops the build.
 *
 * The keys follow the names the LMSs show when they register a tool, so the values can be copied
 * across (see README, "Connect your LMS").
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

export const PLATFORMS_FILE_NAME = 'lti-platforms.json';

export interface Platform {
	/** Shown in logs and error pages. */
	name: string;
	/** The platform's `iss`, compared exactly. */
	issuer: string;
	/** The client id the platform gave this tool: the id token's `aud`, our `iss` when we sign. */
	clientId: string;
	deploymentIds: string[];
	/** Where the OIDC login initiation sends the browser (the platform's authorization endpoint). */
	authUrl: string;
	/** The platform's OAuth 2 token endpoint, for Assignment and Grade Services. */
	tokenUrl: string;
	/** The platform's public key set, which verifies its id tokens. */
	jwksUrl: string;
	/** Origins allowed to show the tool's pages in a frame: by default those of the issuer and auth URL. */
	frameOrigins: string[];
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** HTTPS, or plain HTTP on this machine only (a platform under test). */
function endpoint() {
	return z.string({ error: 'expected a URL string' }).refine(
		(value) => {
			try {
				const url = new URL(value);
				return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
			} catch {
				return false;
			}
		},
		{ error: 'expected an https:// URL (plain http:// only on localhost)' }
	);
}

const platformSchema = z
	.object({
		name: z.string().min(1).optional(),
		issuer: endpoint(),
		client_id: z.string({ error: 'expected the client id the platform gave the tool' }).min(1),
		deployment_ids: z
			.array(z.string().min(1), { error: 'expected a list of deployment id strings' })
			.min(1, { error: 'list at least one deployment id' }),
		auth_url: endpoint(),
		token_url: endpoint(),
		jwks_url: endpoint(),
		frame_origins: z.array(endpoint()).optional()
	})
	.strict();

const fileSchema = z
	.object({ platforms: z.array(platformSchema, { error: 'expected a list of platforms' }) })
	.strict()
	.superRefine(({ platforms }, context) => {
		const seen = new Set<string>();
		platforms.forEach((platform, index) => {
			const key = `${platform.issuer} ${platform.client_id}`;
			if (seen.has(key)) {
				context.addIssue({
					code: 'custom',
					path: ['platforms', index, 'client_id'],
					message: `the issuer ${platform.issuer} with client id ${platform.client_id} is registered twice`
				});
			}
			seen.add(key);
		});
	});

function toPlatform(entry: z.infer<typeof platformSchema>): Platform {
	return {
		name: entry.name ?? new URL(entry.issuer).host,
		issuer: entry.issuer,
		clientId: entry.client_id,
		deploymentIds: entry.deployment_ids,
		authUrl: entry.auth_url,
		tokenUrl: entry.token_url,
		jwksUrl: entry.jwks_url,
		frameOrigins: [
			...new Set((entry.frame_origins ?? [entry.issuer, entry.auth_url]).map((url) => new URL(url).origin))
		]
	};
}

export class PlatformsFileError extends Error {
	constructor(
		readonly file: string,
		readonly problems: string[]
	) {
		super(
			`${file}: the LTI platform registrations are not valid:\n${problems.map((p) => `  ${file}: ${p}`).join('\n')}`
		);
		this.name = 'PlatformsFileError';
	}
}

function formatPath(path: readonly PropertyKey[]): string {
	return path
		.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`))
		.join('');
}

/** Validates the file's text; throws a PlatformsFileError listing every problem. */
export function parsePlatforms(file: string, text: string): Platform[] {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new PlatformsFileError(file, [`not valid JSON (${error instanceof Error ? error.message : String(error)})`]);
	}
	const result = fileSchema.safeParse(json);
	if (!result.success) {
		throw new PlatformsFileError(
			file,
			result.error.issues.map((issue) => `${formatPath(issue.path) || '(top level)'}: ${issue.message}`)
		);
	}
	return result.data.platforms.map(toPlatform);
}

export interface PlatformsSource {
	file: string;
	/** Whether the file was named explicitly, so that its absence is an error. */
	required: boolean;
}

export function platformsSource(
	env: { LTI_PLATFORMS_FILE?: string; DATA_DIR?: string },
	defaultDataDir: string
): PlatformsSource {
	if (env.LTI_PLATFORMS_FILE) return { file: resolve(env.LTI_PLATFORMS_FILE), required: true };
	return { file: resolve(env.DATA_DIR || defaultDataDir, PLATFORMS_FILE_NAME), required: false };
}

export function readPlatforms(source: PlatformsSource): Platform[] {
	if (!existsSync(source.file)) {
		if (!source.required) return [];
		throw new PlatformsFileError(source.file, ['no such file (LTI_PLATFORMS_FILE names it)']);
	}
	return parsePlatforms(source.file, readFileSync(source.file, 'utf8'));
}

/** The registrations, looked up the ways a launch needs them. */
export class PlatformRegistry {
	constructor(readonly platforms: readonly Platform[]) {}

	hasIssuer(issuer: string): boolean {
		return this.platforms.some((platform) => platform.issuer === issuer);
	}

	find(issuer: string, clientId: string): Platform | undefined {
		return this.platforms.find((platform) => platform.issuer === issuer && platform.clientId === clientId);
	}

	/** Every origin that may frame the tool's pages. */
	frameOrigins(): string[] {
		return [...new Set(this.platforms.flatMap((platform) => platform.frameOrigins))];
	}
}

let current: PlatformRegistry | undefined;

/** Reads the registrations (from the server's init hook); throws on a bad file. */
export function initPlatforms(source: PlatformsSource): PlatformRegistry {
	current = new PlatformRegistry(readPlatforms(source));
	return current;
}

export function platformRegistry(): PlatformRegistry {
	return (current ??= new PlatformRegistry([]));
}
