// Zip archives both ways. In: within limits, because a small zip can unpack to gigabytes (a
// zip bomb took the import page's tab to 6.7 GB). The central directory names every entry's
// unpacked size, so an archive that declares too much is refused before anything is inflated;
// declared sizes can lie, so inflation stops as soon as an entry outgrows what it declared.
// Out: a zip written as a stream, its bytes handed over as they are compressed.
import { Inflate } from 'fflate';
import { Pace } from './streamed.ts';
import { FileError } from './parsed.ts';

export interface ArchiveLimits {
	/** unpacked bytes of all entries together */
	bytes: number;
	entries: number;
}

/**
 * 512 MB: eight times the 64 MB upload limit; a county's 80,000 households unpack to 41 MB as
 * XLSX (14 MB as a shapefile), a city's 900,000 to ~460 MB, and more would not be imported in
 * one go anyway; a browser tab's import worker can still hold it. 1,000 entries: a shapefile has 5–8 and an XLSX about a dozen, so this leaves room for
 * a zip of many layers while a zip of a million empty files is refused.
 */
export const ARCHIVE_LIMITS: ArchiveLimits = { bytes: 512 * 1024 * 1024, entries: 1000 };

export interface ZipEntry {
	name: string;
	/** 0 stored, 8 deflated */
	method: number;
	compressedSize: number;
	/** unpacked size, as the central directory declares it */
	size: number;
	/** where the entry's local header starts */
	offset: number;
}

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) =>
	(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 2 ** 24;
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 2 ** 32;

const damaged = (detail: string) => new FileError('import.parse_error', detail);

/** Names as fflate reads them: UTF-8 when the entry says so, else one byte a character. */
function nameOf(bytes: Uint8Array, utf8: boolean): string {
	if (utf8) return new TextDecoder().decode(bytes);
	let s = '';
	for (const b of bytes) s += String.fromCharCode(b);
	return s;
}

/** The zip64 extra field holds, in order, the 64-bit values whose 32-bit fields are all ones. */
function zip64Values(
	bytes: Uint8Array,
	extra: number,
	end: number,
	entry: Pick<ZipEntry, 'size' | 'compressedSize' | 'offset'>
): void {
	for (let at = extra; at + 4 <= end; at += 4 + u16(bytes, at + 2)) {
		if (u16(bytes, at) !== 0x0001) continue;
		let v = at + 4;
		for (const key of ['size', 'compressedSize', 'offset'] as const) {
			if (entry[key] !== 0xffffffff) continue;
			entry[key] = u64(bytes, v);
			v += 8;
		}
		return;
	}
}

/**
 * The entries of a zip from its central directory, without inflating anything. More entries
 * or more unpacked bytes than the limits allow is a FileError `import.archive_too_many_entries`
 * / `import.archive_too_large`; anything that is not a readable zip, `import.parse_error`.
 */
export function zipEntries(bytes: Uint8Array, limits = ARCHIVE_LIMITS): ZipEntry[] {
	// the end record is the last 22 bytes, before a comment of at most 65,535
	let end = -1;
	for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 0xffff; at--) {
		if (u32(bytes, at) === 0x06054b50) {
			end = at;
			break;
		}
	}
	if (end < 0) throw damaged('no zip end record');
	let count = u16(bytes, end + 10);
	let at = u32(bytes, end + 16);
	if (end >= 20 && u32(bytes, end - 20) === 0x07064b50) {
		const end64 = u64(bytes, end - 12);
		if (end64 + 56 <= bytes.length && u32(bytes, end64) === 0x06064b50) {
			count = u64(bytes, end64 + 32);
			at = u64(bytes, end64 + 48);
		}
	}
	if (count > limits.entries)
		throw new FileError('import.archive_too_many_entries', `${count} entries, at most ${limits.entries}`);
	const entries: ZipEntry[] = [];
	let total = 0;
	for (let i = 0; i < count; i++) {
		if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) throw damaged('broken central directory');
		const nameLength = u16(bytes, at + 28);
		const extraLength = u16(bytes, at + 30);
		const next = at + 46 + nameLength + extraLength + u16(bytes, at + 32);
		if (next > bytes.length) throw damaged('broken central directory');
		const entry: ZipEntry = {
			name: nameOf(bytes.subarray(at + 46, at + 46 + nameLength), (u16(bytes, at + 8) & 0x800) !== 0),
			method: u16(bytes, at + 10),
			compressedSize: u32(bytes, at + 20),
			size: u32(bytes, at + 24),
			offset: u32(bytes, at + 42)
		};
		zip64Values(bytes, at + 46 + nameLength, at + 46 + nameLength + extraLength, entry);
		total += entry.size;
		if (total > limits.bytes)
			throw new FileError('import.archive_too_large', `more than ${limits.bytes} bytes unpacked`);
		entries.push(entry);
		at = next;
	}
	return entries;
}

/** Compressed input handed to the inflater at a time: a deflate stream grows at most ~1,000-fold. */
const INFLATE_SLICE = 16 * 1024;

/** One entry's bytes; an entry that unpacks to more than it declared is refused midway. */
export function unzipEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
	const at = entry.offset;
	if (at + 30 > bytes.length || u32(bytes, at) !== 0x04034b50)
		throw damaged(`${entry.name}: no local header`);
	const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
	const data = bytes.subarray(start, start + entry.compressedSize);
	if (data.length !== entry.compressedSize) throw damaged(`${entry.name}: truncated`);
	if (entry.method === 0) {
		if (data.length !== entry.size) throw damaged(`${entry.name}: stored size differs`);
		return data.slice();
	}
	if (entry.method !== 8) throw damaged(`${entry.name}: compression method ${entry.method}`);
	const out = new Uint8Array(entry.size);
	let filled = 0;
	const inflater = new Inflate((chunk) => {
		if (filled + chunk.length > out.length)
			throw new FileError('import.archive_too_large', `${entry.name} unpacks to more than it declares`);
		out.set(chunk, filled);
		filled += chunk.length;
	});
	try {
		for (let i = 0; i < data.length; i += INFLATE_SLICE)
			inflater.push(data.subarray(i, i + INFLATE_SLICE), i + INFLATE_SLICE >= data.length);
	} catch (e) {
		if (e instanceof FileError) throw e;
		throw damaged(`${entry.name}: ${(e as Error).message}`);
	}
	if (filled !== out.length) throw damaged(`${entry.name}: shorter than declared`);
	return out;
}

const CRC_TABLE = (() => {
	const table = new Int32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c;
	}
	return table;
})();

/** CRC-32 as zip uses it, continued from `crc` over `bytes`. */
export function crc32(bytes: Uint8Array, crc = 0): number {
	let c = ~crc;
	for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
	return ~c >>> 0;
}

interface Written {
	name: Uint8Array;
	crc: number;
	compressedSize: number;
	size: number;
	offset: number;
}

/** sizes and CRC follow the data (data descriptor); names are UTF-8 */
const FLAGS = 0x0008 | 0x0800;

/**
 * A zip written as a stream, entry after entry. Deflate runs in CompressionStream: on zlib's
 * thread pool in Node, natively in browsers. (fflate's deflate on the event loop held it for
 * up to 80 ms a slice on a .dbf, and its buffers forced full garbage collections.)
 */
export class ZipOut {
	#entries: Written[] = [];
	#offset = 0;
	#time: number;
	#date: number;

	constructor(
		private readonly pace = new Pace(),
		now = new Date()
	) {
		this.#time = (now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1);
		this.#date = ((now.getFullYear() - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
	}

	#counted(bytes: Uint8Array): Uint8Array {
		this.#offset += bytes.length;
		return bytes;
	}

	/** One entry from its bytes in pieces (empty pieces are pause points: see streamed.ts). */
	async *entry(name: string, source: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
		const written: Written = {
			name: new TextEncoder().encode(name),
			crc: 0,
			compressedSize: 0,
			size: 0,
			offset: this.#offset
		};
		const header = new DataView(new ArrayBuffer(30 + written.name.length));
		header.setUint32(0, 0x04034b50, true);
		header.setUint16(4, 20, true);
		header.setUint16(6, FLAGS, true);
		header.setUint16(8, 8, true);
		header.setUint16(10, this.#time, true);
		header.setUint16(12, this.#date, true);
		header.setUint16(26, written.name.length, true);
		new Uint8Array(header.buffer).set(written.name, 30);
		yield this.#counted(new Uint8Array(header.buffer));

		const deflater = new CompressionStream('deflate-raw');
		const writer = deflater.writable.getWriter();
		const reader = deflater.readable.getReader();
		const feeding = (async () => {
			try {
				for (const piece of source) {
					if (piece.length > 0) {
						written.crc = crc32(piece, written.crc);
						written.size += piece.length;
						await writer.write(piece as Uint8Array<ArrayBuffer>);
					}
					await this.pace.step();
				}
				await writer.close();
			} catch (e) {
				await writer.abort(e).catch(() => {});
				throw e;
			}
		})();
		// a failure while feeding errors the reader too and is thrown below; until then it is held
		feeding.catch(() => {});
		let done = false;
		try {
			for (;;) {
				const next = await reader.read();
				if (next.done) break;
				written.compressedSize += next.value.length;
				yield this.#counted(next.value);
			}
			await feeding;
			done = true;
		} finally {
			// the reader went away midway: stop the compressor and the writer feeding it
			if (!done) await reader.cancel().catch(() => {});
		}
		if (this.#offset > 0xffffffff) throw new Error('zip larger than 4 GB');
		const descriptor = new DataView(new ArrayBuffer(16));
		descriptor.setUint32(0, 0x08074b50, true);
		descriptor.setUint32(4, written.crc, true);
		descriptor.setUint32(8, written.compressedSize, true);
		descriptor.setUint32(12, written.size, true);
		this.#entries.push(written);
		yield this.#counted(new Uint8Array(descriptor.buffer));
	}

	/** The central directory and the end record. */
	end(): Uint8Array {
		const size = this.#entries.reduce((n, e) => n + 46 + e.name.length, 0);
		const out = new DataView(new ArrayBuffer(size + 22));
		const bytes = new Uint8Array(out.buffer);
		let at = 0;
		for (const e of this.#entries) {
			out.setUint32(at, 0x02014b50, true);
			out.setUint16(at + 4, 20, true);
			out.setUint16(at + 6, 20, true);
			out.setUint16(at + 8, FLAGS, true);
			out.setUint16(at + 10, 8, true);
			out.setUint16(at + 12, this.#time, true);
			out.setUint16(at + 14, this.#date, true);
			out.setUint32(at + 16, e.crc, true);
			out.setUint32(at + 20, e.compressedSize, true);
			out.setUint32(at + 24, e.size, true);
			out.setUint16(at + 28, e.name.length, true);
			out.setUint32(at + 42, e.offset, true);
			bytes.set(e.name, at + 46);
			at += 46 + e.name.length;
		}
		out.setUint32(at, 0x06054b50, true);
		out.setUint16(at + 8, this.#entries.length, true);
		out.setUint16(at + 10, this.#entries.length, true);
		out.setUint32(at + 12, size, true);
		out.setUint32(at + 16, this.#offset, true);
		return this.#counted(bytes);
	}
}
