// The import's wire format: a point travels as its bare [x, y], anything else as GeoJSON; the
// server reads a row back into the feature it stands for; chunks stay under their byte limit
// in UTF-8 (Chinese text is three bytes a character); and at most CHUNKS_IN_FLIGHT requests are
// out at once, with nothing more sent after a failure.
import { describe, expect, it } from 'vitest';
import type { ImportFeature } from '../../src/lib/import/problems.ts';
import {
	CHUNKS_IN_FLIGHT,
	featureOfRow,
	sendChunks,
	stagedChunks,
	stagedRow
} from '../../src/lib/import/staged-row.ts';

const household = (i: number, grid?: string): ImportFeature => ({
	index: i + 1,
	code: `H-${i}`,
	properties: {
		code: `H-${i}`,
		address: `莲都区竹坂街道文昌社区 溪口小区${i}幢`,
		residents: 3,
		rental: false
	},
	geometry: { type: 'Point', coordinates: [119.9 + i * 1e-6, 28.4] },
	...(grid ? { grid } : {})
});

describe('staged rows', () => {
	it('sends a point as two numbers and reads it back as the same feature', () => {
		const f = household(7, 'G-1');
		const row = stagedRow(f);
		expect(row).toEqual([f.properties, [119.900007, 28.4], 'G-1']);
		expect(featureOfRow(JSON.parse(JSON.stringify(row)), 8)).toEqual(f);
		// without a claim the row has two members
		expect(stagedRow(household(1))).toHaveLength(2);
	});

	it('keeps any other geometry as GeoJSON, and a point without two finite numbers too', () => {
		const polygon = {
			type: 'Polygon' as const,
			coordinates: [
				[
					[0, 0],
					[1, 0],
					[0, 1],
					[0, 0]
				]
			]
		};
		expect(stagedRow({ properties: { code: 'G' }, geometry: polygon })[1]).toEqual(polygon);
		const nan = { type: 'Point' as const, coordinates: [NaN, 28] };
		expect(stagedRow({ properties: { code: 'P' }, geometry: nan })[1]).toBe(nan);
		expect(stagedRow({ properties: { code: 'E' }, geometry: null })[1]).toBeNull();
	});

	it('refuses rows of another shape', () => {
		for (const row of [
			{ type: 'Feature', properties: {}, geometry: null },
			[1, 2],
			[{}],
			[{}, 'x'],
			[{}, [1, 'a']],
			[{}, [1, 2, 3]],
			[{}, null, 5],
			[{}, null, 'G', 'extra']
		])
			expect(featureOfRow(row, 1), JSON.stringify(row)).toBeNull();
	});

	it('cuts chunks under the byte limit in UTF-8, covering every feature once and in order', () => {
		const features = Array.from({ length: 2000 }, (_, i) => household(i, `G-${i % 7}`));
		const limit = 16 * 1024;
		const chunks = [...stagedChunks(features, limit)];
		expect(chunks.length).toBeGreaterThan(10);
		let next = 0;
		for (const c of chunks) {
			expect(c.start).toBe(next);
			expect(new TextEncoder().encode(c.body).length).toBeLessThanOrEqual(limit);
			const rows = JSON.parse(c.body) as unknown[];
			expect(rows).toHaveLength(c.end - c.start);
			expect(featureOfRow(rows[0], c.start + 1)).toEqual(features[c.start]);
			next = c.end;
		}
		expect(next).toBe(features.length);
		// chunks are filled: all but the last hold at least nine tenths of the limit
		for (const c of chunks.slice(0, -1))
			expect(new TextEncoder().encode(c.body).length).toBeGreaterThan(0.9 * limit);
		// rows of very different sizes still keep every chunk under the limit
		const mixed = features.map((f, i) =>
			i % 97 === 0 ? { ...f, properties: { ...f.properties, address: '长'.repeat(3000) } } : f
		);
		for (const c of stagedChunks(mixed, limit))
			expect(new TextEncoder().encode(c.body).length).toBeLessThanOrEqual(limit);
		// one row larger than the limit travels alone
		expect([...stagedChunks(features.slice(0, 3), 10)].map((c) => [c.start, c.end])).toEqual([
			[0, 1],
			[1, 2],
			[2, 3]
		]);
	});
});

describe('sending chunks', () => {
	const features = Array.from({ length: 300 }, (_, i) => household(i));
	const tick = () => new Promise((r) => setTimeout(r, 1));

	it('keeps at most CHUNKS_IN_FLIGHT requests out and sends every chunk', async () => {
		let out = 0;
		let most = 0;
		const sent: number[] = [];
		await sendChunks(features, 2048, async (c) => {
			out++;
			most = Math.max(most, out);
			await tick();
			sent.push(c.start);
			out--;
		});
		expect(most).toBe(CHUNKS_IN_FLIGHT);
		const all = [...stagedChunks(features, 2048)].map((c) => c.start);
		expect(sent.sort((a, b) => a - b)).toEqual(all);
	});

	it('sends nothing more after a failure and throws it once the others are back', async () => {
		const third = [...stagedChunks(features, 2048)][2].start;
		const started: number[] = [];
		let finished = 0;
		const error = await sendChunks(features, 2048, async (c) => {
			started.push(c.start);
			await tick();
			if (c.start === third) throw new Error('import_chunk_repeated');
			finished++;
		}).catch((e: unknown) => e);
		expect((error as Error).message).toBe('import_chunk_repeated');
		// the failing third and at most the one beside it
		expect(started.length).toBeLessThanOrEqual(4);
		expect(finished).toBe(started.length - 1);
	});
});
