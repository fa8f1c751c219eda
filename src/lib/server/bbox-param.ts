// A `bbox=west,south,east,north` query parameter in degrees, as the map layers and the import
// preview's reference take it: absent is null; anything but four finite numbers, west of east
// and south of north, is refused with 400 invalid_bbox.
import { error } from '@sveltejs/kit';

export function bboxParam(value: string | null): number[] | null {
	if (!value) return null;
	const parts = value.split(',').map(Number);
	if (
		parts.length !== 4 ||
		parts.some((n) => !Number.isFinite(n)) ||
		parts[0] > parts[2] ||
		parts[1] > parts[3]
	)
		error(400, 'invalid_bbox');
	return parts;
}
