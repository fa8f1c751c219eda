// Bytes to text for files from Chinese desktop software: UTF-8 when the bytes are valid UTF-8,
// otherwise GB18030 (a superset of GBK/GB2312, what Excel and ArcGIS on a Chinese Windows write).
export function decodeText(bytes: Uint8Array, encoding?: string): string {
	if (encoding) return new TextDecoder(encoding).decode(bytes);
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return new TextDecoder('gb18030').decode(bytes);
	}
}

/** The encoding a shapefile's .cpg names, as a TextDecoder label. */
export function encodingOfCpg(cpg: string): string | undefined {
	const name = cpg.trim().toLowerCase();
	if (!name) return undefined;
	if (/utf-?8|65001/.test(name)) return 'utf-8';
	if (/gbk|936|gb2312|gb18030/.test(name)) return 'gb18030';
	return name;
}
