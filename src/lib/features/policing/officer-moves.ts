// Officers' reported positions applied to the officer columns a map holds: a new columns object
// (so deck.gl sees new data), the other officers untouched. null = the officer went off duty
// (retired): kept where last seen until the next full load.
import type { LonLat, OfficerColumns } from '$lib/types/layers';

export function moveOfficers(
	officers: OfficerColumns,
	moves: ReadonlyMap<number, LonLat | null>
): OfficerColumns {
	if (moves.size === 0) return officers;
	const position = [...officers.position];
	officers.id.forEach((id, i) => {
		const p = moves.get(id);
		if (p) position[i] = p;
	});
	return { ...officers, position };
}
