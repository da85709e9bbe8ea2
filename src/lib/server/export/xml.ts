/** XML out through fast-xml-parser's builder (never string concatenation), one setting for all files. */
import { XMLBuilder } from 'fast-xml-parser';

/** An element as the builder takes it: `@_name` attributes, `#text`, `#comment`, child elements. */
export type XmlNode = { [key: string]: string | number | XmlNode | XmlNode[] | string[] | undefined };

const builder = new XMLBuilder({
	ignoreAttributes: false,
	attributeNamePrefix: '@_',
	textNodeName: '#text',
	commentPropName: '#comment',
	format: true,
	indentBy: '  ',
	suppressEmptyNode: true,
	// Otherwise an attribute whose value is "true" (a true/false item's choice) is written without its value.
	suppressBooleanAttributes: false
});

export function xmlDocument(root: XmlNode): string {
	return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(root) as string}`;
}
