// Blocks drawn on the plan map, judged the way create_campaign judges them: a scope grid goes to
// the first block whose polygon holds the grid's inside point; a grid no block holds is left out
// (the database refuses the plan with campaign_grids_left_out), a block that gets no grid is empty.
import type { Polygon } from 'geojson';
import { pointInAreal } from '$lib/geo/point-in-polygon';
import type { LonLat } from '$lib/geo/types';

export interface ScopeGrid {
	id: number;
	/** a point inside the grid */
	at: LonLat;
}

export interface BlockCover {
	/** grid id → index of the block that takes it */
	owner: Map<number, number>;
	/** scope grids in no block, in scope order */
	leftOut: number[];
	/** grids each block takes (by block index) */
	counts: number[];
}

export function coverByBlocks(scope: readonly ScopeGrid[], blocks: readonly Polygon[]): BlockCover {
	const owner = new Map<number, number>();
	const leftOut: number[] = [];
	const counts = blocks.map(() => 0);
	for (const g of scope) {
		const i = blocks.findIndex((b) => pointInAreal(g.at, b));
		if (i < 0) leftOut.push(g.id);
		else {
			owner.set(g.id, i);
			counts[i]++;
		}
	}
	return { owner, leftOut, counts };
}

/** The lowest number n ≥ 1 whose default name is not taken yet (names may have been edited). */
export function nextBlockNumber(names: readonly string[], nameOf: (n: number) => string): number {
	const taken = new Set(names.map((s) => s.trim()));
	let n = 1;
	while (taken.has(nameOf(n))) n++;
	return n;
}
