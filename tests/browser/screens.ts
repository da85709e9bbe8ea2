/** The screens every page is checked on: a phone and a laptop, in light and dark. */
export const VIEWPORTS = {
	'390x844': { width: 390, height: 844 },
	'1280x800': { width: 1280, height: 800 }
} as const;

export type ViewportName = keyof typeof VIEWPORTS;

export const COLOR_SCHEMES = ['light', 'dark'] as const;
