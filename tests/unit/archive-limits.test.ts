// Zip bombs: an archive that declares more unpacked bytes or entries than the limits is refused
// before anything is inflated, and one whose entry lies about its size is stopped once it
// outgrows the lie; either way with a translated message naming the limit, and without the
// memory the bomb asks for. Honest archives read as before.
import { constants, deflateRawSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_LIMITS, unzipEntry, zipEntries } from '../../src/lib/formats/archive.ts';
import { FileError } from '../../src/lib/formats/parsed.ts';
import { readImportFile } from '../../src/lib/formats/read-file.ts';
import { shapefileZip } from '../../src/lib/formats/shapefile-write.ts';
import { joined } from '../../src/lib/formats/streamed.ts';
import { en } from '../../src/lib/i18n/messages/en.ts';
import { zhCN } from '../../src/lib/i18n/messages/zh-CN.ts';

const MB = 1024 * 1024;

async function refusal(name: string, bytes: Uint8Array): Promise<{ key: string; grewBy: number }> {
	const before = process.memoryUsage().arrayBuffers;
	try {
		await readImportFile(name, bytes);
	} catch (e) {
		// measured at once: what the reader allocated is still held here, collected or not
		const grewBy = process.memoryUsage().arrayBuffers - before;
		if (!(e instanceof FileError)) throw e;
		return { key: e.key, grewBy };
	}
	throw new Error(`${name} was read`);
}

/**
 * A zip of one entry: `megabytes` of zeros in ~16 KB a 16 MB, declared as `declared` bytes
 * unpacked (the truth by default). Made without ever holding the zeros: one fully flushed
 * deflate segment of 16 MB, repeated (each segment stands alone), then an empty final block.
 */
function zipOfZeros(name: string, megabytes: number, declared = megabytes * MB): Uint8Array {
	const segment = deflateRawSync(new Uint8Array(16 * MB), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
	const data = joined([...Array<Uint8Array>(megabytes / 16).fill(segment), Uint8Array.of(0x03, 0x00)]);
	const fileName = new TextEncoder().encode(name);
	const local = new DataView(new ArrayBuffer(30 + fileName.length));
	local.setUint32(0, 0x04034b50, true);
	local.setUint16(4, 20, true);
	local.setUint16(8, 8, true);
	local.setUint32(18, data.length, true);
	local.setUint32(22, declared, true);
	local.setUint16(26, fileName.length, true);
	new Uint8Array(local.buffer).set(fileName, 30);
	const central = new DataView(new ArrayBuffer(46 + fileName.length));
	central.setUint32(0, 0x02014b50, true);
	central.setUint16(4, 20, true);
	central.setUint16(6, 20, true);
	central.setUint16(10, 8, true);
	central.setUint32(20, data.length, true);
	central.setUint32(24, declared, true);
	central.setUint16(28, fileName.length, true);
	new Uint8Array(central.buffer).set(fileName, 46);
	const end = new DataView(new ArrayBuffer(22));
	end.setUint32(0, 0x06054b50, true);
	end.setUint16(8, 1, true);
	end.setUint16(10, 1, true);
	end.setUint32(12, central.byteLength, true);
	end.setUint32(16, local.byteLength + data.length, true);
	return joined(
		[local, data, central, end].map((p) => (p instanceof DataView ? new Uint8Array(p.buffer) : p))
	);
}

describe('archive limits', { timeout: 60_000 }, () => {
	it('refuses a shapefile zip that unpacks to more than 512 MB before inflating it', async () => {
		const bomb = zipOfZeros('bomb.shp', 640);
		expect(bomb.length).toBeLessThan(MB);
		const { key, grewBy } = await refusal('bomb.zip', bomb);
		expect(key).toBe('import.archive_too_large');
		expect(grewBy).toBeLessThan(64 * MB);
	});

	it('refuses an XLSX that unpacks to more than 512 MB before read-excel-file sees it', async () => {
		const { key, grewBy } = await refusal('bomb.xlsx', zipOfZeros('xl/worksheets/sheet1.xml', 640));
		expect(key).toBe('import.archive_too_large');
		expect(grewBy).toBeLessThan(64 * MB);
	});

	it('stops an entry that unpacks to more than it declares, a slice past the lie', async () => {
		// 256 MB of zeros that claim to be 1 KB: the declared sizes pass the limits
		const liar = zipOfZeros('a.shp', 256, 1024);
		expect(zipEntries(liar).map((e) => e.size)).toEqual([1024]);
		const { key, grewBy } = await refusal('liar.zip', liar);
		expect(key).toBe('import.archive_too_large');
		expect(grewBy).toBeLessThan(64 * MB);
	});

	it('refuses more than 1,000 entries', async () => {
		const files: Record<string, Uint8Array> = {};
		for (let i = 0; i <= ARCHIVE_LIMITS.entries; i++) files[`f${i}.txt`] = new Uint8Array(1);
		expect((await refusal('many.zip', zipSync(files))).key).toBe('import.archive_too_many_entries');
	});

	it('still reads honest archives, entry by entry', async () => {
		const { zip } = shapefileZip('one', [
			{ type: 'Feature', geometry: { type: 'Point', coordinates: [119.9, 28.4] }, properties: { code: 'H1' } }
		]);
		const entries = zipEntries(zip);
		expect(entries.map((e) => e.name)).toEqual(['one.shp', 'one.shx', 'one.dbf', 'one.prj', 'one.cpg']);
		expect(new TextDecoder().decode(unzipEntry(zip, entries[4]))).toBe('UTF-8');
		const parsed = await readImportFile('one.zip', zip);
		expect(parsed.features.map((f) => f.properties)).toEqual([{ code: 'H1' }]);
		// the bombs above are real: within the limits, one unpacks to what it declares
		const zeros = zipOfZeros('zeros.bin', 32);
		const unpacked = unzipEntry(zeros, zipEntries(zeros)[0]);
		expect(unpacked.length).toBe(32 * MB);
		expect(unpacked.every((b) => b === 0)).toBe(true);
	});

	it('says what the limits are, in Chinese and English', () => {
		for (const messages of [zhCN, en]) {
			expect(messages['import.archive_too_large']).toContain(`${ARCHIVE_LIMITS.bytes / MB} MB`);
			expect(messages['import.archive_too_many_entries'].replace(',', '')).toContain(
				String(ARCHIVE_LIMITS.entries)
			);
		}
	});
});
