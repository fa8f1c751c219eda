// Police stations (派出所), posts (警务室, 联勤警务站, 背包警务工作点) and the people: 民警, 辅警 and
// one 警务助理 per village. Posts go to the busy villages; a share of remote villages is left
// beyond 3 km of any post or station so the planner's coverage analysis has something to find.
import type { OfficerKind, OfficerRow, PostKind, PostRow, StationRow } from '../../src/lib/types/domain.ts';
import { COVERAGE_M, REMOTE_CLEARANCE_M, VillageReach } from './coverage.ts';
import { distanceM, offset, pointInMulti, toPoint, type Multi, type Pt } from './geometry.ts';
import { pointOf, type Households } from './households.ts';
import { personName, phoneNumber, shortName } from './names.ts';
import type { CountyPlace, GridPlace, Places, TownshipPlace, VillagePlace } from './places.ts';
import { apportion, type Rng } from './random.ts';
import type { ScaleParams } from './scales.ts';

export interface StationPlace {
	row: StationRow;
	county: CountyPlace;
	townships: TownshipPlace[];
	villages: VillagePlace[];
	point: Pt;
}

export interface Policing {
	stations: StationPlace[];
	posts: PostRow[];
	officers: OfficerRow[];
	/** villages deliberately left beyond reach of every post and station */
	remote: Set<VillagePlace>;
}

/** share of villages kept out of reach of posts and stations */
const REMOTE_SHARE = 0.1;
const OFFICE_SHARE = 0.25;
const MERGED_TOWNSHIP_SHARE = 0.1;
const NO_ASSISTANT_SHARE = 0.08;
const RETIRED_SHARE = 0.02;

/** A point within maxM metres of p, still inside the shape. */
export function jitterInside(rng: Rng, p: Pt, shape: Multi, maxM: number): Pt {
	for (let i = 0; i < 20; i++) {
		const a = rng.range(0, 2 * Math.PI);
		const d = maxM * Math.sqrt(rng.next());
		const q = offset(p, Math.cos(a) * d, Math.sin(a) * d);
		if (pointInMulti(q, shape)) return q;
	}
	return p;
}

/** The household at the heart of a grid (nearest the mean of its households). */
function coreHome(homes: Households['byGrid'][number], fallback: Pt): Pt {
	if (homes.length === 0) return fallback;
	let mx = 0;
	let my = 0;
	for (const h of homes) {
		mx += h.geom.coordinates[0];
		my += h.geom.coordinates[1];
	}
	const mean: Pt = [mx / homes.length, my / homes.length];
	let best = pointOf(homes[0]);
	let bestD = Infinity;
	for (const h of homes) {
		const d = distanceM(pointOf(h), mean);
		if (d < bestD) {
			bestD = d;
			best = pointOf(h);
		}
	}
	return best;
}

function busiestGrid(v: VillagePlace): GridPlace {
	return v.grids.reduce((a, b) => (b.households > a.households ? b : a));
}

function busiestVillage(villages: VillagePlace[]): VillagePlace {
	return villages.reduce((a, b) => (b.households > a.households ? b : a));
}

function households(villages: VillagePlace[]): number {
	return villages.reduce((a, v) => a + v.households, 0);
}

function buildStations(places: Places, homes: Households, rng: Rng): StationPlace[] {
	const stations: StationPlace[] = [];
	for (const county of places.counties) {
		const ts = county.townships;
		// the smallest rural townships share the station of their nearest neighbour
		const merged = new Map<TownshipPlace, TownshipPlace>();
		const small = ts
			.filter((t) => t.row.kind === 'township')
			.sort((a, b) => households(a.villages) - households(b.villages) || a.row.id - b.row.id)
			.slice(0, Math.round(ts.length * MERGED_TOWNSHIP_SHARE));
		for (const t of small) {
			const host = ts
				.filter((o) => o !== t && !small.includes(o))
				.reduce((a, b) => (distanceM(b.seat, t.seat) < distanceM(a.seat, t.seat) ? b : a));
			merged.set(t, host);
		}
		let serial = 1;
		for (const t of ts) {
			if (merged.has(t)) continue;
			const covered = [t, ...ts.filter((o) => merged.get(o) === t)];
			const village = busiestVillage(t.villages);
			const grid = busiestGrid(village);
			const point = jitterInside(
				rng,
				coreHome(homes.byGrid[grid.row.id - 1], village.centre),
				grid.shape,
				30
			);
			const station: StationPlace = {
				row: {
					id: stations.length + 1,
					county_id: county.row.id,
					code: `PCS${county.row.code}${String(serial++).padStart(2, '0')}`,
					name: `${county.row.name}公安局${shortName(t.row.name)}派出所`,
					geom: toPoint(point)
				},
				county,
				townships: covered,
				villages: covered.flatMap((c) => c.villages),
				point
			};
			for (const v of station.villages) v.row.station_id = station.row.id;
			stations.push(station);
		}
	}
	return stations;
}

/** Per county, the villages farthest from any station, up to the remote share. */
function chooseRemote(places: Places, stations: StationPlace[]): Set<VillagePlace> {
	const reach = new VillageReach(places.villages, REMOTE_CLEARANCE_M);
	const covered = new Set<VillagePlace>();
	for (const s of stations) for (const v of reach.within(s.point)) covered.add(v);
	const remote = new Set<VillagePlace>();
	for (const county of places.counties) {
		const own = stations.filter((s) => s.county === county);
		const villages = county.townships.flatMap((t) => t.villages);
		const farthest = villages
			.filter((v) => !covered.has(v))
			.map((v) => ({
				v,
				d: Math.min(...own.map((s) => distanceM(s.point, v.centre))) / Math.sqrt(v.density)
			}))
			.sort((a, b) => b.d - a.d || a.v.row.id - b.v.row.id);
		for (const { v } of farthest.slice(0, Math.round(villages.length * REMOTE_SHARE))) remote.add(v);
	}
	return remote;
}

interface PostPlace {
	row: PostRow;
	station: StationPlace;
	village: VillagePlace;
	point: Pt;
}

function buildPosts(
	params: ScaleParams,
	places: Places,
	homes: Households,
	stations: StationPlace[],
	remote: Set<VillagePlace>,
	rng: Rng
): PostPlace[] {
	const blocked = new VillageReach([...remote], REMOTE_CLEARANCE_M);
	const stationOf = new Map<VillagePlace, StationPlace>();
	for (const s of stations) for (const v of s.villages) stationOf.set(v, s);
	const posts: PostPlace[] = [];
	const serial = new Map<CountyPlace, number>();

	/** A point among the village's homes, clear of every remote village; null if none is. */
	const siteIn = (v: VillagePlace): { point: Pt; grid: GridPlace } | null => {
		for (const grid of [...v.grids].sort((a, b) => b.households - a.households)) {
			const gh = homes.byGrid[grid.row.id - 1];
			const core = coreHome(gh, v.centre);
			const candidates = [core, ...rng.sample(gh, 20).map(pointOf)];
			for (const c of candidates) if (!blocked.reaches(c)) return { point: c, grid };
		}
		return null;
	};
	const add = (v: VillagePlace, kind: PostKind, name: string): boolean => {
		if (remote.has(v)) return false;
		const site = siteIn(v);
		if (!site) return false;
		const county = v.township.county;
		const n = (serial.get(county) ?? 0) + 1;
		serial.set(county, n);
		const point = jitterInside(rng, site.point, site.grid.shape, 15);
		const station = stationOf.get(v) as StationPlace;
		posts.push({
			row: {
				id: posts.length + 1,
				station_id: station.row.id,
				code: `JWS${county.row.code}${String(n).padStart(3, '0')}`,
				name,
				kind,
				geom: toPoint(point)
			},
			station,
			village: v,
			point
		});
		return true;
	};

	for (const county of places.counties) {
		const villages = county.townships.flatMap((t) => t.villages);
		const used = new Set<VillagePlace>();
		// 联勤警务站: in the seat and the biggest towns, in the second-busiest village of the
		// township (next to its station rather than on top of it)
		const joint = county.townships
			.filter((t) => t.row.kind !== 'township')
			.map((t) => {
				const byHouseholds = [...t.villages].sort(
					(a, b) => b.households - a.households || a.row.id - b.row.id
				);
				return { t, v: byHouseholds[1] ?? byHouseholds[0] };
			})
			.sort((a, b) => b.v.density - a.v.density)
			.slice(0, 3);
		for (const { t, v } of joint)
			if (add(v, 'joint_station', `${shortName(t.row.name)}联勤警务站`)) used.add(v);
		// 警务室: the busiest villages and communities
		const offices = Math.round(villages.length * OFFICE_SHARE);
		let placed = 0;
		for (const v of [...villages].sort((a, b) => b.households - a.households || a.row.id - b.row.id)) {
			if (placed >= offices) break;
			if (used.has(v)) continue;
			if (add(v, 'office', `${v.row.name}警务室`)) {
				used.add(v);
				placed++;
			}
		}
		// 背包警务工作点: taken out to the villages that nothing covers yet, farthest first
		const reach = new VillageReach(villages, COVERAGE_M);
		const covered = new Set<VillagePlace>();
		const points = [
			...stations.filter((s) => s.county === county).map((s) => s.point),
			...posts.filter((p) => p.village.township.county === county).map((p) => p.point)
		];
		for (const p of points) for (const v of reach.within(p)) covered.add(v);
		const own = stations.filter((s) => s.county === county);
		const order = villages
			.filter((v) => !used.has(v) && !remote.has(v))
			.map((v) => ({
				v,
				open: covered.has(v) ? 0 : 1,
				d: Math.min(...own.map((s) => distanceM(s.point, v.centre)))
			}))
			.sort((a, b) => b.open - a.open || b.d - a.d || a.v.row.id - b.v.row.id);
		let workPoints = params.workPoints(county.row.code, villages.length);
		// first the villages still open, then (if points are left) the farthest covered ones
		for (const pass of [0, 1]) {
			for (const { v } of order) {
				if (workPoints <= 0 || used.has(v) || (pass === 0 && covered.has(v))) continue;
				if (add(v, 'work_point', `${v.row.name}背包警务工作点`)) {
					used.add(v);
					workPoints--;
					for (const c of reach.within(posts[posts.length - 1].point)) covered.add(c);
				}
			}
		}
	}
	return posts;
}

function buildOfficers(
	params: ScaleParams,
	places: Places,
	homes: Households,
	stations: StationPlace[],
	posts: PostPlace[],
	rng: Rng
): OfficerRow[] {
	const officers: OfficerRow[] = [];
	const countyGrids = places.counties.map((c) => c.grids);
	const policeByCounty = apportion(params.police, countyGrids, 0);
	const auxByCounty = apportion(params.auxiliaries, countyGrids, 0);
	const stationVillage = new Map<StationPlace, VillagePlace>();
	for (const s of stations) {
		stationVillage.set(s, s.villages.find((v) => pointInMulti(s.point, v.shape)) ?? s.villages[0]);
	}
	const add = (
		kind: OfficerKind,
		station: StationPlace,
		post: PostPlace | null,
		village: VillagePlace | null,
		at: Pt,
		within: Multi
	) => {
		const id = officers.length + 1;
		officers.push({
			id,
			station_id: station.row.id,
			post_id: post ? post.row.id : null,
			village_id: village ? village.row.id : null,
			// an affine permutation of the id: unique six digits that do not look sequential
			badge: String(100000 + ((id * 7919 + 35_317) % 900_000)),
			name: personName(rng),
			kind,
			status: rng.chance(RETIRED_SHARE) ? 'retired' : 'active',
			phone: phoneNumber(rng),
			geom: toPoint(jitterInside(rng, at, within, 25))
		});
	};
	places.counties.forEach((county, ci) => {
		const own = stations.filter((s) => s.county === county);
		const police = apportion(
			policeByCounty[ci],
			// the workload of a grid officer is its households: share officers by them
			own.map((s) => households(s.villages) + 300),
			Math.min(3, Math.floor(policeByCounty[ci] / own.length))
		);
		const aux = apportion(
			auxByCounty[ci],
			own.map((s) => households(s.villages)),
			Math.min(2, Math.floor(auxByCounty[ci] / own.length))
		);
		own.forEach((s, si) => {
			const home = stationVillage.get(s) as VillagePlace;
			// most officers work from a post (at least one at each, more at the bigger ones),
			// about a third from the station itself
			const kindOrder: PostKind[] = ['joint_station', 'office', 'work_point'];
			const stationPosts = posts
				.filter((p) => p.station === s)
				.sort((a, b) => kindOrder.indexOf(a.row.kind) - kindOrder.indexOf(b.row.kind) || a.row.id - b.row.id);
			const postWeights = stationPosts.map((p) =>
				p.row.kind === 'joint_station' ? 3 : p.row.kind === 'office' ? 2 : 1
			);
			const slots = (count: number): (PostPlace | null)[] => {
				const atPosts = stationPosts.length > 0 ? count - Math.max(1, Math.round(count * 0.35)) : 0;
				const out: (PostPlace | null)[] = [];
				for (let k = 0; k < atPosts; k++) {
					out.push(k < stationPosts.length ? stationPosts[k] : stationPosts[rng.weighted(postWeights)]);
				}
				while (out.length < count) out.push(null);
				return out;
			};
			for (const p of slots(police[si])) {
				add('police', s, p, null, p ? p.point : s.point, p ? p.village.shape : home.shape);
			}
			for (const p of slots(aux[si])) {
				add('auxiliary', s, p, null, p ? p.point : s.point, p ? p.village.shape : home.shape);
			}
		});
		// 一村一警务助理, except where the post is still vacant
		for (const t of county.townships) {
			for (const v of t.villages) {
				if (rng.chance(NO_ASSISTANT_SHARE)) continue;
				const station = stations[v.row.station_id - 1];
				const grid = busiestGrid(v);
				const gh = homes.byGrid[grid.row.id - 1];
				const at = gh.length ? pointOf(rng.pick(gh)) : v.centre;
				add('assistant', station, null, v, at, grid.shape);
			}
		}
	});
	return officers;
}

export function buildPolicing(params: ScaleParams, places: Places, homes: Households, rng: Rng): Policing {
	const stations = buildStations(places, homes, rng.fork('stations'));
	const remote = chooseRemote(places, stations);
	const posts = buildPosts(params, places, homes, stations, remote, rng.fork('posts'));
	const officers = buildOfficers(params, places, homes, stations, posts, rng.fork('officers'));
	return { stations, posts: posts.map((p) => p.row), officers, remote };
}
