// A feature as the import API and import_stage receive it: GeoJSON, with the preview's finding
// of the grid a point lies in as the foreign member `grid` (a claim the database checks).
import type { ImportFeature } from './problems.ts';

export type StagedFeature = Pick<ImportFeature, 'geometry' | 'properties' | 'grid'>;

export const stagedFeature = (f: StagedFeature) => ({
	type: 'Feature' as const,
	geometry: f.geometry,
	properties: f.properties,
	...(f.grid ? { grid: f.grid } : {})
});
