// Households (一标三实 standard address points): clustered into hamlets (自然村) in villages and
// into streets and estates in communities, never uniform, always strictly inside their grid.
import type { HouseholdRow } from '../../src/lib/types/domain.ts';
import { chinaYear } from './calendar.ts';
import { areaKm2, distanceToBoundaryDeg, offset, pointInMulti, toPoint, type Pt } from './geometry.ts';
import {
	communityStem,
	idNumber,
	NamePool,
	personName,
	phoneNumber,
	placeStem,
	shortName,
	streetName
} from './names.ts';
import type { GridPlace, Places, VillagePlace } from './places.ts';
import type { Rng } from './random.ts';
import { EDGE_CLEARANCE_DEG, spreadSeeds, uniformPointIn } from './sampling.ts';

export interface Households {
	rows: HouseholdRow[];
	/** households of each grid, indexed by grid id - 1 */
	byGrid: HouseholdRow[][];
}

interface Hamlet {
	name: string;
	centre: Pt;
	sigmaM: number;
	/** a block of flats (幢/室 addresses) rather than a street */
	estate: boolean;
	nextNumber: number;
}

const RESIDENT_WEIGHTS = [0.14, 0.3, 0.24, 0.17, 0.1, 0.05];

export function pointOf(h: HouseholdRow): Pt {
	return h.geom.coordinates as Pt;
}

/** A point near `centre` (gaussian, sigma metres) strictly inside the grid, or null. */
export function scatterInGrid(rng: Rng, grid: GridPlace, centre: Pt, sigmaM: number, tries = 12): Pt | null {
	for (let i = 0; i < tries; i++) {
		const p = offset(centre, rng.normal() * sigmaM, rng.normal() * sigmaM);
		if (
			p[0] > grid.bbox[0] &&
			p[0] < grid.bbox[2] &&
			p[1] > grid.bbox[1] &&
			p[1] < grid.bbox[3] &&
			pointInMulti(p, grid.shape) &&
			distanceToBoundaryDeg(p, grid.shape) > EDGE_CLEARANCE_DEG
		)
			return p;
	}
	return null;
}

function hamletsOf(
	rng: Rng,
	grid: GridPlace,
	village: VillagePlace,
	names: NamePool,
	first: boolean
): Hamlet[] {
	const n = grid.households;
	const urban = village.row.kind === 'community';
	const k = urban ? Math.min(8, 2 + Math.floor(n / 150)) : Math.min(5, 1 + Math.floor(n / 70));
	const side = Math.sqrt(areaKm2(grid.shape)) * 1000;
	const sigmaM = Math.max(urban ? 25 : 40, Math.min(urban ? 150 : 350, (side / k) * (urban ? 0.15 : 0.12)));
	const centres = spreadSeeds(rng, grid.shape, k, village.township.county.field, 1);
	return centres.map((centre, i) => {
		// a community has a few streets; once they are used up, the rest are estates
		const street = urban && !rng.chance(0.4) ? names.tryTake(streetName) : null;
		const estate = urban && street === null;
		let name: string;
		if (urban) name = street ?? names.take(communityStem, '小区');
		else if (first && i === 0) {
			name = shortName(village.row.name);
			names.reserve(name);
		} else name = names.take(placeStem);
		return { name, centre, sigmaM: sigmaM * rng.range(0.7, 1.3), estate, nextNumber: rng.int(1, 8) };
	});
}

function addressOf(rng: Rng, village: VillagePlace, h: Hamlet): string {
	const tp = village.township;
	const prefix = `${tp.county.row.name}${tp.row.name}${village.row.name} `;
	if (h.estate) {
		const building = h.nextNumber;
		h.nextNumber += rng.chance(0.2) ? 1 : 0;
		return `${prefix}${h.name}${building}幢${rng.int(1, 18)}0${rng.int(1, 4)}室`;
	}
	const number = h.nextNumber;
	h.nextNumber += rng.int(1, 3);
	return `${prefix}${h.name}${number}号`;
}

export function buildHouseholds(places: Places, rng: Rng, nowMs: number): Households {
	const rows: HouseholdRow[] = [];
	const byGrid: HouseholdRow[][] = [];
	const year = chinaYear(nowMs);
	for (const village of places.villages) {
		const r = rng.fork(`v${village.row.id}`);
		const names = new NamePool(r.fork('hamlets'));
		const urban = village.row.kind === 'community';
		const countyCode = village.township.county.row.code;
		let population = 0;
		village.grids.forEach((grid, gi) => {
			const hamlets = hamletsOf(r, grid, village, names, gi === 0);
			const weights = hamlets.map(() => r.lognormal(0.6));
			const homes: HouseholdRow[] = [];
			for (let i = 0; i < grid.households; i++) {
				const h = hamlets[r.weighted(weights)];
				const p = scatterInGrid(r, grid, h.centre, h.sigmaM) ?? uniformPointIn(r, grid.shape, grid.bbox);
				const elderlyAlone = r.chance(urban ? 0.045 : 0.095);
				const residents = elderlyAlone ? 1 : 1 + r.weighted(RESIDENT_WEIGHTS);
				const age = elderlyAlone ? r.int(68, 93) : r.int(26, 82);
				const row: HouseholdRow = {
					id: rows.length + 1,
					grid_id: grid.row.id,
					code: grid.row.code + String(i + 1).padStart(4, '0'),
					address: addressOf(r, village, h),
					head_name: personName(r),
					phone: phoneNumber(r),
					id_number: idNumber(r, countyCode, year - age),
					residents,
					elderly_alone: elderlyAlone,
					past_fraud_victim: r.chance(0.03),
					rental: r.chance(urban ? 0.2 : 0.06),
					geom: toPoint(p)
				};
				population += residents;
				rows.push(row);
				homes.push(row);
			}
			byGrid[grid.row.id - 1] = homes;
		});
		village.row.population = population;
	}
	return { rows, byGrid };
}
