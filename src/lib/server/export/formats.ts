/** The export formats, with what each file is for; `--help` lists them from here. */
export const FORMATS = {
	scorm12: 'SCORM 1.2 package (.zip): the whole module, graded by its self-check quizzes',
	scorm2004: 'SCORM 2004 4th edition package (.zip): the same, for LMSs that prefer 2004',
	cc: 'IMS Common Cartridge 1.3 (.imscc): lessons as web pages, quizzes as QTI 1.2 question banks',
	gift: "GIFT text (.gift): the quiz questions for Moodle's question bank"
} as const;

export type Format = keyof typeof FORMATS;

export const isFormat = (value: string): value is Format => Object.hasOwn(FORMATS, value);
