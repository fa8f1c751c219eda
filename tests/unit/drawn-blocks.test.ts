// Drawn campaign blocks judged as create_campaign judges them: first block that holds a grid's
// inside point takes it, grids in no block are left out, and default names skip edited ones.
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { coverByBlocks, nextBlockNumber } from '../../src/lib/features/campaigns/drawn-blocks.ts';

const box = (w: number, s: number, e: number, n: number): Polygon => ({
	type: 'Polygon',
	coordinates: [
		[
			[w, s],
			[e, s],
			[e, n],
			[w, n],
			[w, s]
		]
	]
});
// four grids in a row, inside points at x = 0.5, 1.5, 2.5, 3.5
const scope = [0, 1, 2, 3].map((i) => ({ id: 10 + i, at: [i + 0.5, 0.5] as [number, number] }));

describe('drawn campaign blocks', () => {
	it('gives each grid to the first block that holds it and lists the rest as left out', () => {
		const cover = coverByBlocks(scope, [box(0, 0, 2.2, 1), box(1, 0, 3, 1)]);
		expect([...cover.owner]).toEqual([
			[10, 0],
			[11, 0],
			[12, 1]
		]);
		expect(cover.counts).toEqual([2, 1]);
		expect(cover.leftOut).toEqual([13]);
	});
	it('leaves nothing out when the blocks cover the scope, and everything when there are none', () => {
		expect(coverByBlocks(scope, [box(-1, -1, 5, 2)]).leftOut).toEqual([]);
		const none = coverByBlocks(scope, []);
		expect(none.leftOut).toEqual([10, 11, 12, 13]);
		expect(none.counts).toEqual([]);
	});
	it('counts a block that takes nothing (all its grids already taken) as empty', () => {
		expect(coverByBlocks(scope, [box(0, 0, 4, 1), box(0, 0, 1, 1)]).counts).toEqual([4, 0]);
	});
	it('numbers a new block with the lowest default name not in use', () => {
		const nameOf = (n: number) => `区块${n}`;
		expect(nextBlockNumber([], nameOf)).toBe(1);
		expect(nextBlockNumber(['区块1', '区块2'], nameOf)).toBe(3);
		expect(nextBlockNumber(['北片', '区块2'], nameOf)).toBe(1);
		expect(nextBlockNumber([' 区块1 ', '北片'], nameOf)).toBe(2);
	});
});
