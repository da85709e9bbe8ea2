/**
 * `imsmanifest.xml` for SCORM 1.2 and SCORM 2004 4th edition: one organization, one item, one
 * SCO (the launch page) listing every file of the package. The pass mark travels too, as 1.2's
 * `adlcp:masteryscore` and as 2004's primary objective satisfied by measure, so an LMS that grades
 * by them agrees with the package.
 */
import type { ScormVersion } from '../../../scorm/package-data.ts';
import { passMarkToPercent, type PassMark } from '../../../pass-mark.ts';
import { xmlDocument, type XmlNode } from '../xml.ts';

export interface ManifestInput {
	version: ScormVersion;
	module: string;
	title: string;
	/** 0 to 1. */
	passMark: PassMark;
	launch: string;
	files: string[];
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

function manifest12({ module, title, passMark, launch, files }: ManifestInput): XmlNode {
	return {
		manifest: {
			'@_identifier': `backchannel-${module}`,
			'@_version': '1.0',
			'@_xmlns': 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
			'@_xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
			'@_xmlns:xsi': XSI,
			'@_xsi:schemaLocation': [
				'http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd',
				'http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd',
				'http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd'
			].join(' '),
			metadata: { schema: 'ADL SCORM', schemaversion: '1.2' },
			organizations: {
				'@_default': 'organization',
				organization: {
					'@_identifier': 'organization',
					title,
					item: {
						'@_identifier': 'item-module',
						'@_identifierref': 'sco-module',
						'@_isvisible': 'true',
						title,
						'adlcp:masteryscore': String(passMarkToPercent(passMark))
					}
				}
			},
			resources: {
				resource: {
					'@_identifier': 'sco-module',
					'@_type': 'webcontent',
					'@_adlcp:scormtype': 'sco',
					'@_href': launch,
					file: files.map((href) => ({ '@_href': href }))
				}
			}
		}
	};
}

function manifest2004({ module, title, passMark, launch, files }: ManifestInput): XmlNode {
	return {
		manifest: {
			'@_identifier': `backchannel-${module}`,
			'@_version': '1',
			'@_xmlns': 'http://www.imsglobal.org/xsd/imscp_v1p1',
			'@_xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_v1p3',
			'@_xmlns:adlseq': 'http://www.adlnet.org/xsd/adlseq_v1p3',
			'@_xmlns:adlnav': 'http://www.adlnet.org/xsd/adlnav_v1p3',
			'@_xmlns:imsss': 'http://www.imsglobal.org/xsd/imsss',
			'@_xmlns:xsi': XSI,
			'@_xsi:schemaLocation': [
				'http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd',
				'http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd',
				'http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd',
				'http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd',
				'http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd'
			].join(' '),
			metadata: { schema: 'ADL SCORM', schemaversion: '2004 4th Edition' },
			organizations: {
				'@_default': 'organization',
				organization: {
					'@_identifier': 'organization',
					title,
					item: {
						'@_identifier': 'item-module',
						'@_identifierref': 'sco-module',
						title,
						'imsss:sequencing': {
							'imsss:objectives': {
								'imsss:primaryObjective': {
									'@_objectiveID': 'module-pass-mark',
									'@_satisfiedByMeasure': 'true',
									'imsss:minNormalizedMeasure': String(passMark)
								}
							}
						}
					}
				}
			},
			resources: {
				resource: {
					'@_identifier': 'sco-module',
					'@_type': 'webcontent',
					'@_adlcp:scormType': 'sco',
					'@_href': launch,
					file: files.map((href) => ({ '@_href': href }))
				}
			}
		}
	};
}

export function scormManifest(input: ManifestInput): string {
	return xmlDocument(input.version === '1.2' ? manifest12(input) : manifest2004(input));
}
