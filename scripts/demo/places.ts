// The administrative hierarchy: counties → townships → villages/communities → grids, each level
// a tessellation of the one above, with household counts that follow the density field.
import type {
	CountyRow,
	GridRow,
	TownshipKind,
	TownshipRow,
	VillageKind,
	VillageRow
} from '../../src/lib/types/domain.ts';
import { DensityField, type Peak } from './density.ts';
import {
	areaKm2,
	bboxOf,
	centroid,
	offset,
	pointInMulti,
	toMultiPolygon,
	type BBox,
	type Multi,
	type Pt
} from './geometry.ts';
import { communityStem, NamePool, placeStem, regionStem } from './names.ts';
import { loadCityOutline, LISHUI_ADCODE } from './outline.ts';
import { apportion, type Rng } from './random.ts';
import { integrate, pointOnSurface, spreadSeeds, uniformPointIn } from './sampling.ts';
import {
	CITY_SEATS,
	LISHUI_CITY_SEAT_COUNTY,
	LISHUI_COUNTIES,
	SUICHANG_CODE,
	SUICHANG_TOWNSHIPS,
	type ScaleParams
} from './scales.ts';
import { nodeSharedEdges, tessellate } from './tessellation.ts';

export interface CountyPlace {
	row: CountyRow;
	cityName: string;
	seat: Pt;
	shape: Multi;
	field: DensityField;
	townships: TownshipPlace[];
	villages: number;
	grids: number;
	households: number;
}

export interface TownshipPlace {
	row: TownshipRow;
	county: CountyPlace;
	seat: Pt;
	shape: Multi;
	villages: VillagePlace[];
}

export interface VillagePlace {
	row: VillageRow;
	township: TownshipPlace;
	shape: Multi;
	bbox: BBox;
	/** a point inside, near the middle */
	centre: Pt;
	density: number;
	/** target number of households */
	households: number;
	grids: GridPlace[];
}

export interface GridPlace {
	row: GridRow;
	village: VillagePlace;
	shape: Multi;
	bbox: BBox;
	/** target number of households */
	households: number;
}

export interface Places {
	counties: CountyPlace[];
	townships: TownshipPlace[];
	villages: VillagePlace[];
	grids: GridPlace[];
}

// Seeds of villages are denser where people are (spacing ∝ density^-0.25), and households grow
// faster than that, so a town community holds several times the households of a hill village.
const VILLAGE_SEED_EXPONENT = 0.5;
const GRID_SEED_EXPONENT = 0.7;
const HOUSEHOLD_EXPONENT = 1.15;
const MAX_GRIDS_PER_VILLAGE = 6;
/** a community is a village of a subdistrict at least this dense */
const COMMUNITY_DENSITY = 10;

interface CountySpec {
	name: string;
	code: string;
	seat: Pt;
	cityName: string;
	/** relative number of people (splits the totals) */
	people: number;
	/** the county holding the city seat: bigger core, more subdistricts */
	citySeat: boolean;
	shape: Multi;
}

function countySpecs(params: ScaleParams, rng: Rng): CountySpec[] {
	const specs: CountySpec[] = [];
	const countyNames = new NamePool(rng.fork('county-names'));
	for (const adcode of params.cities) {
		const city = loadCityOutline(adcode);
		if (adcode === LISHUI_ADCODE) {
			const shapes = tessellate(
				city.shape,
				LISHUI_COUNTIES.map((c) => c.seat),
				() => {
					throw new Error('a county seat of 丽水 fell outside its outline');
				}
			);
			LISHUI_COUNTIES.forEach((c, i) => {
				countyNames.reserve(c.name);
				specs.push({
					name: c.name,
					code: c.code,
					seat: c.seat,
					cityName: city.name,
					people: c.people,
					citySeat: c.code === LISHUI_CITY_SEAT_COUNTY,
					shape: shapes[i]
				});
			});
			continue;
		}
		// other cities: about one county per countyKm2, the first around the city seat
		const r = rng.fork(`city-${adcode}`);
		const n = Math.max(4, Math.min(13, Math.round(areaKm2(city.shape) / params.countyKm2)));
		const flat = new DensityField([]);
		let seat = CITY_SEATS[adcode].seat;
		if (!pointInMulti(seat, city.shape)) seat = pointOnSurface(city.shape);
		const seeds = spreadSeeds(r, city.shape, n, flat, 0, [seat]);
		const shapes = tessellate(city.shape, seeds, () => uniformPointIn(r, city.shape));
		const prefix = adcode.slice(0, 4);
		const people = shapes.map((s, i) => areaKm2(s) * (i === 0 ? 2 : 1));
		const total = people.reduce((a, b) => a + b, 0);
		seeds.forEach((s, i) => {
			const suffix = i === 0 ? '区' : r.chance(0.25) ? '市' : '县';
			specs.push({
				name: countyNames.take(regionStem, suffix),
				code: prefix + String(i === 0 ? 2 : 20 + i).padStart(2, '0'),
				seat: s,
				cityName: city.name,
				people: (CITY_SEATS[adcode].people * people[i]) / total,
				citySeat: i === 0,
				shape: shapes[i]
			});
		});
	}
	return params.onlyCounty ? specs.filter((s) => s.code === params.onlyCounty) : specs;
}

/** Splits the scale's totals over the counties; fixed counties keep their published figures. */
function countyTotals(params: ScaleParams, specs: CountySpec[]) {
	const free = specs.filter((s) => !params.fixed[s.code]);
	const fixedSum = (k: 'villages' | 'grids' | 'households') =>
		specs.reduce((a, s) => a + (params.fixed[s.code]?.[k] ?? 0), 0);
	const villages = apportion(
		params.villages - fixedSum('villages'),
		free.map((s) => Math.sqrt(areaKm2(s.shape) * s.people)),
		12
	);
	const households = apportion(
		params.households - fixedSum('households'),
		free.map((s) => s.people),
		1
	);
	const extraGrids = apportion(
		params.grids - fixedSum('grids') - villages.reduce((a, b) => a + b, 0),
		free.map((s) => s.people)
	);
	return specs.map((s) => {
		const fixed = params.fixed[s.code];
		if (fixed) return { villages: fixed.villages, grids: fixed.grids, households: fixed.households };
		const i = free.indexOf(s);
		return { villages: villages[i], grids: villages[i] + extraGrids[i], households: households[i] };
	});
}

interface TownshipSpec {
	name: string;
	kind: TownshipKind;
	seed: Pt;
}

function townshipSpecs(county: CountySpec, villages: number, rng: Rng, field: DensityField): TownshipSpec[] {
	const real = county.code === SUICHANG_CODE ? SUICHANG_TOWNSHIPS : null;
	const n = real
		? real.length
		: Math.max(4, Math.min(30, Math.round(villages / 16), Math.floor(villages / 4)));
	const kinds: TownshipKind[] = real
		? real.map((t) => t.kind)
		: Array.from({ length: n }, (_, i) => (i < (county.citySeat ? 4 : 2) ? 'subdistrict' : 'township'));
	const subdistricts = kinds.filter((k) => k === 'subdistrict').length;
	// the seat subdistrict sits on the county seat, the others ring it a few km out
	const fixed: Pt[] = [county.seat];
	const turn = rng.range(0, 2 * Math.PI);
	for (let i = 1; i < subdistricts; i++) {
		for (let tries = 0; tries < 50; tries++) {
			const a = turn + (2 * Math.PI * (i - 1)) / Math.max(1, subdistricts - 1) + rng.range(-0.4, 0.4);
			const km = rng.range(3.5, 6) + tries * 0.1;
			const p = offset(county.seat, Math.cos(a) * km * 1000, Math.sin(a) * km * 1000);
			if (pointInMulti(p, county.shape)) {
				fixed.push(p);
				break;
			}
		}
	}
	const seeds = spreadSeeds(rng, county.shape, n, field, 0, fixed);
	if (!real) {
		// towns are the better-connected half of the rest: those nearer the county seat
		const rest = seeds
			.map((s, i) => ({
				i,
				d: Math.hypot(s[0] - county.seat[0], s[1] - county.seat[1]) * rng.range(0.7, 1.3)
			}))
			.filter(({ i }) => kinds[i] !== 'subdistrict')
			.sort((a, b) => a.d - b.d);
		rest.slice(0, Math.round(rest.length * 0.45)).forEach(({ i }) => (kinds[i] = 'town'));
	}
	const names = new NamePool(rng.fork('names'));
	const suffix: Record<TownshipKind, string> = { subdistrict: '街道', town: '镇', township: '乡' };
	return seeds.map((seed, i) => ({
		name: real ? real[i].name : names.take(regionStem, suffix[kinds[i]]),
		kind: kinds[i],
		seed
	}));
}

const PEAKS: Record<TownshipKind, { weight: number; sigmaKm: number }> = {
	subdistrict: { weight: 8, sigmaKm: 1.5 },
	town: { weight: 5, sigmaKm: 1.2 },
	township: { weight: 2, sigmaKm: 0.8 }
};

/** Grids per village: proportional to households, 1–6, summing exactly to the target. */
function gridCounts(households: number[], target: number): number[] {
	const count = (h: number) =>
		households.map((x) => Math.max(1, Math.min(MAX_GRIDS_PER_VILLAGE, Math.round(x / h))));
	const sum = (h: number) => count(h).reduce((a, b) => a + b, 0);
	// the largest households-per-grid that still yields at least the target
	let lo = 1e-6;
	let hi = Math.max(...households) * 4 + 1;
	for (let i = 0; i < 100; i++) {
		const mid = (lo + hi) / 2;
		if (sum(mid) >= target) lo = mid;
		else hi = mid;
	}
	const out = count(lo);
	let excess = out.reduce((a, b) => a + b, 0) - target;
	// drop the grids that were closest to rounding down
	const order = out
		.map((g, i) => ({ i, slack: households[i] / lo - (g - 0.5) }))
		.filter(({ i }) => out[i] > 1)
		.sort((a, b) => a.slack - b.slack || a.i - b.i);
	for (const { i } of order) {
		if (excess <= 0) break;
		out[i]--;
		excess--;
	}
	if (excess !== 0) throw new Error(`cannot reach ${target} grids`);
	return out;
}

export function buildPlaces(params: ScaleParams, rng: Rng): Places {
	const places: Places = { counties: [], townships: [], villages: [], grids: [] };
	const specs = countySpecs(params, rng.fork('counties'));
	const totals = countyTotals(params, specs);
	// the province scale thins households to ~20 a grid, so its villages may be tiny
	const minPerVillage = params.households / params.grids >= 100 ? 20 : 3;
	specs.forEach((spec, ci) => {
		const r = rng.fork(`county-${spec.code}`);
		const t = totals[ci];
		const seatPeak: Peak = spec.citySeat
			? { at: spec.seat, weight: 45, sigmaKm: 3.5 }
			: { at: spec.seat, weight: 25, sigmaKm: 2.5 };
		const county: CountyPlace = {
			row: {
				id: places.counties.length + 1,
				code: spec.code,
				name: spec.name,
				geom: toMultiPolygon(spec.shape)
			},
			cityName: spec.cityName,
			seat: spec.seat,
			shape: spec.shape,
			field: new DensityField([seatPeak]),
			townships: [],
			villages: t.villages,
			grids: t.grids,
			households: t.households
		};
		places.counties.push(county);
		addTownships(places, county, spec, r.fork('townships'));
		const villages = addVillages(places, county, r.fork('villages'));
		const households = apportion(
			t.households,
			villages.map((v) => v.households),
			minPerVillage
		);
		villages.forEach((v, i) => (v.households = households[i]));
		addGrids(places, county, villages, minPerVillage >= 20 ? 8 : 1, r.fork('grids'));
	});
	nodePlaces(places);
	return places;
}

function addTownships(places: Places, county: CountyPlace, spec: CountySpec, r: Rng): void {
	const tspecs = townshipSpecs(spec, county.villages, r, county.field);
	tspecs.forEach((ts, i) => {
		if (i > 0) county.field.peaks.push({ at: ts.seed, ...PEAKS[ts.kind] });
	});
	const shapes = tessellate(
		spec.shape,
		tspecs.map((s) => s.seed),
		() => uniformPointIn(r, spec.shape)
	);
	// 街道 001–099, 镇 100–199, 乡 200–299, as in the national township codes
	const serial: Record<TownshipKind, number> = { subdistrict: 1, town: 100, township: 200 };
	tspecs.forEach((ts, i) => {
		const tp: TownshipPlace = {
			row: {
				id: places.townships.length + 1,
				county_id: county.row.id,
				code: spec.code + String(serial[ts.kind]++).padStart(3, '0'),
				name: ts.name,
				kind: ts.kind,
				geom: toMultiPolygon(shapes[i])
			},
			county,
			seat: ts.seed,
			shape: shapes[i],
			villages: []
		};
		places.townships.push(tp);
		county.townships.push(tp);
	});
}

/** Villages of every township of the county, more and smaller where it is dense. */
function addVillages(places: Places, county: CountyPlace, r: Rng): VillagePlace[] {
	const field = county.field;
	const perTownship = apportion(
		county.villages,
		county.townships.map((tp) => integrate(r, tp.shape, field, VILLAGE_SEED_EXPONENT, 80)),
		3
	);
	const names = new NamePool(r.fork('names'));
	const villages: VillagePlace[] = [];
	county.townships.forEach((tp, ti) => {
		const seeds = spreadSeeds(r, tp.shape, perTownship[ti], field, VILLAGE_SEED_EXPONENT, [tp.seat]);
		const made = tessellate(tp.shape, seeds, () => uniformPointIn(r, tp.shape)).map((shape) => {
			const c = centroid(shape);
			const centre = pointInMulti(c, shape) ? c : pointOnSurface(shape);
			const density = field.at(centre);
			const kind: VillageKind =
				tp.row.kind === 'subdistrict' && density >= COMMUNITY_DENSITY ? 'community' : 'village';
			return { shape, centre, density, kind };
		});
		// communities first: 居委会 take codes 001–199, 村委会 200 onwards
		made.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'community' ? -1 : 1));
		let communitySerial = 1;
		let villageSerial = 200;
		for (const m of made) {
			const serialNo = m.kind === 'community' ? communitySerial++ : villageSerial++;
			const vp: VillagePlace = {
				row: {
					id: places.villages.length + 1,
					township_id: tp.row.id,
					station_id: 0, // set when the stations are built
					code: tp.row.code + String(serialNo).padStart(3, '0'),
					name: m.kind === 'community' ? names.take(communityStem, '社区') : names.take(placeStem, '村'),
					kind: m.kind,
					population: 0, // the sum of residents, set with the households
					geom: toMultiPolygon(m.shape)
				},
				township: tp,
				shape: m.shape,
				bbox: bboxOf(m.shape),
				centre: m.centre,
				density: m.density,
				// a weight for now; apportioned to the county's households by the caller
				households: integrate(r, m.shape, field, HOUSEHOLD_EXPONENT, 12) * r.lognormal(0.3),
				grids: []
			};
			tp.villages.push(vp);
			villages.push(vp);
			places.villages.push(vp);
		}
	});
	return villages;
}

/** 1–6 grids per village in proportion to its households, exactly the county's total. */
function addGrids(
	places: Places,
	county: CountyPlace,
	villages: VillagePlace[],
	minPerGrid: number,
	r: Rng
): void {
	const perVillage = gridCounts(
		villages.map((v) => v.households),
		county.grids
	);
	villages.forEach((vp, vi) => {
		const g = perVillage[vi];
		const seeds = spreadSeeds(r, vp.shape, g, county.field, GRID_SEED_EXPONENT);
		const shapes = tessellate(vp.shape, seeds, () => uniformPointIn(r, vp.shape));
		const weights = shapes.map(
			(s) => integrate(r, s, county.field, HOUSEHOLD_EXPONENT, 6) * r.lognormal(0.25)
		);
		const counts = apportion(vp.households, weights, Math.min(minPerGrid, Math.floor(vp.households / g)));
		shapes.forEach((shape, k) => {
			const gp: GridPlace = {
				row: {
					id: places.grids.length + 1,
					village_id: vp.row.id,
					code: vp.row.code + String(k + 1).padStart(2, '0'),
					name: g === 1 ? `${vp.row.name}网格` : `${vp.row.name}第${k + 1}网格`,
					geom: toMultiPolygon(shape)
				},
				village: vp,
				shape,
				bbox: bboxOf(shape),
				households: counts[k]
			};
			vp.grids.push(gp);
			places.grids.push(gp);
		});
	});
}

/**
 * Cells of different parents meet in T-junctions, and a parent lacks the vertices where its
 * children's edges reach its boundary. Giving every shape the vertices of all the others that
 * lie on its edges makes shared edges identical on both sides, so PostGIS overlays (unions of
 * villages into blocks, differences of a village and its grids) leave no hairline slivers.
 */
function nodePlaces(places: Places): void {
	const all = [...places.counties, ...places.townships, ...places.villages, ...places.grids];
	const noded = nodeSharedEdges(all.map((p) => p.shape));
	all.forEach((p, i) => {
		p.shape = noded[i];
		p.row.geom = toMultiPolygon(noded[i]);
	});
}
