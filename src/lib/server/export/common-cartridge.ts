/**
 * IMS Common Cartridge 1.3: each lesson as a web page followed by its quiz as a QTI 1.2
 * assessment (the flavour Canvas, Moodle and Brightspace import), in one deterministic zip.
 */
import type { Module } from '../../model/course.ts';
import { lessonPage, lessonPagePath } from './cc-pages.ts';
import type { ExportLesson, ItemSet } from './items.ts';
import { leftOutComment, qtiCannotExpress, qtiItem } from './qti.ts';
import { xmlDocument, type XmlNode } from './xml.ts';
import { deterministicZip, type ZipEntries } from './zip.ts';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const CP_NAMESPACE = 'http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1';
const LOM_MANIFEST = 'http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest';
const QTI_NAMESPACE = 'http://www.imsglobal.org/xsd/ims_qtiasiv1p2';
export const ASSESSMENT_TYPE = 'imsqti_xmlv1p2/imscc_xmlv1p3/assessment';

const assessmentPath = (lesson: ExportLesson): string => `assessments/${lesson.slug}/assessment.xml`;

export function assessmentXml(lesson: ExportLesson, kind: ItemSet['kind']): string {
	const items = lesson.questions.map(qtiItem).filter((item) => item !== undefined);
	const leftOut = lesson.questions.filter((question) => qtiCannotExpress(question)).map(leftOutComment);
	return xmlDocument({
		questestinterop: {
			'@_xmlns': QTI_NAMESPACE,
			'@_xmlns:xsi': XSI,
			'@_xsi:schemaLocation': `${QTI_NAMESPACE} http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_qtiasiv1p2p1_v1p0.xsd`,
			assessment: {
				'@_ident': `quiz-${lesson.slug}`,
				'@_title': `${lesson.title}: ${kind === 'assessment' ? 'assessment' : 'self-check'}`,
				qtimetadata: {
					qtimetadatafield: [
						{ fieldlabel: 'cc_profile', fieldentry: 'cc.exam.v0p1' },
						{ fieldlabel: 'qmd_assessmenttype', fieldentry: 'Examination' },
						{ fieldlabel: 'qmd_scoretype', fieldentry: 'Percentage' },
						// A self-check is for learning: retaking it is the point. A graded set gets one go.
						{ fieldlabel: 'cc_maxattempts', fieldentry: kind === 'assessment' ? '1' : 'unlimited' }
					]
				},
				section: {
					'@_ident': `section-${lesson.slug}`,
					...(leftOut.length ? { '#comment': leftOut } : {}),
					item: items
				}
			}
		}
	} as XmlNode);
}

function manifest(module: Module, items: ItemSet): string {
	const organizationItems: XmlNode[] = [];
	const resources: XmlNode[] = [];
	for (const lesson of module.lessons) {
		const page = lessonPagePath(lesson);
		organizationItems.push({
			'@_identifier': `item-${lesson.slug}`,
			title: lesson.title,
			item: [
				{ '@_identifier': `item-page-${lesson.slug}`, '@_identifierref': `page-${lesson.slug}`, title: lesson.title },
				{
					'@_identifier': `item-quiz-${lesson.slug}`,
					'@_identifierref': `quiz-${lesson.slug}`,
					title: `${lesson.title}: ${items.kind === 'assessment' ? 'assessment' : 'self-check'}`
				}
			]
		});
		resources.push({
			'@_identifier': `page-${lesson.slug}`,
			'@_type': 'webcontent',
			'@_href': page,
			file: { '@_href': page }
		});
	}
	for (const lesson of items.lessons) {
		resources.push({
			'@_identifier': `quiz-${lesson.slug}`,
			'@_type': ASSESSMENT_TYPE,
			file: { '@_href': assessmentPath(lesson) }
		});
	}
	return xmlDocument({
		manifest: {
			'@_identifier': `backchannel-${module.slug}`,
			'@_xmlns': CP_NAMESPACE,
			'@_xmlns:lomimscc': LOM_MANIFEST,
			'@_xmlns:xsi': XSI,
			'@_xsi:schemaLocation': [
				`${CP_NAMESPACE} http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd`,
				`${LOM_MANIFEST} http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lommanifest_v1p0.xsd`
			].join(' '),
			metadata: {
				schema: 'IMS Common Cartridge',
				schemaversion: '1.3.0',
				'lomimscc:lom': {
					'lomimscc:general': {
						'lomimscc:title': { 'lomimscc:string': module.title },
						'lomimscc:description': { 'lomimscc:string': module.summary }
					}
				}
			},
			organizations: {
				organization: {
					'@_identifier': 'organization',
					'@_structure': 'rooted-hierarchy',
					item: { '@_identifier': 'root', item: organizationItems }
				}
			},
			resources: { resource: resources }
		}
	});
}

export function commonCartridgeEntries(module: Module, items: ItemSet): ZipEntries {
	const entries: ZipEntries = new Map([['imsmanifest.xml', manifest(module, items)]]);
	for (const lesson of module.lessons) entries.set(lessonPagePath(lesson), lessonPage(module, lesson));
	for (const lesson of items.lessons) entries.set(assessmentPath(lesson), assessmentXml(lesson, items.kind));
	return entries;
}

export function commonCartridge(module: Module, items: ItemSet): Uint8Array {
	return deterministicZip(commonCartridgeEntries(module, items));
}
