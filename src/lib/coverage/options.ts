// The knobs of the analysis, with defaults that follow the field practice.

export interface CoverageOptions {
	/** reach of a post or station in km (default 3: the planners' "within 3 km" rule) */
	reachKm: number;
	/** campaign visit target as a share 0..1; default: the campaign's own target_share */
	targetShare: number | null;
	/**
	 * households one primary officer can look after. Default 1,000: the staffing rule of thumb
	 * for community policing is one officer per ~1,000 households (~3,000 residents); the demo
	 * balances officers around 200–600 households, so 1,000 flags the overloaded ones only.
	 */
	workloadLimit: number;
	/**
	 * smallest gap worth reporting, m² (default 100, a house's footprint): overlays of shared
	 * edges leave floating-point slivers far below it
	 */
	minGapAreaM2: number;
	/** whether stations (派出所) reach villages like posts do (default true: they are staffed) */
	reachFromStations: boolean;
}

export const DEFAULT_OPTIONS: CoverageOptions = {
	reachKm: 3,
	targetShare: null,
	workloadLimit: 1000,
	minGapAreaM2: 100,
	reachFromStations: true
};

/** Distances within a millimetre of the reach count as reached: the sphere radii of Turf and
 * PostGIS differ by 4e-9, which would otherwise decide a village lying exactly at R km. */
export const REACH_EPSILON_M = 0.001;

/** A grid may stick out of its village by this much before it is reported (the database's own
 * tolerance for grids on shared edges). */
export const GRID_OUTSIDE_TOLERANCE_M2 = 1;

export function withDefaults(options: Partial<CoverageOptions> = {}): CoverageOptions {
	return { ...DEFAULT_OPTIONS, ...options };
}
