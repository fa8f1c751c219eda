// Areas on the sphere in km², with Turf's formula and radius: PostGIS's
// `ST_Area(geography, false)` agrees to well under 0.01 % on village-sized shapes.
import { area } from '@turf/turf';
import type { Areal } from './types.ts';

export function areaKm2(g: Areal | null): number {
	return g ? area(g) / 1e6 : 0;
}

export function areaM2(g: Areal | null): number {
	return g ? area(g) : 0;
}
