/**
 * How the browser tests (and the benchmark) start Chromium: Debian's build, never a downloaded one,
 * with the flags this closed network needs (no background networking, no updates, no sync).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export function assertChromiumInstalled(): void {
	if (!existsSync(CHROMIUM_PATH)) {
		throw new Error(
			`Chromium not found at ${CHROMIUM_PATH}. The browser tests need Debian's chromium: ` +
				'run `apt-get update && apt-get install -y chromium` (or set CHROMIUM_PATH). They never skip.'
		);
	}
}

export async function launchChromium(): Promise<Browser> {
	assertChromiumInstalled();
	return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
