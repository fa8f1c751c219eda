// 遂昌's door-knock campaign (敲门行动): the busiest townships split into 18 blocks of
// neighbouring villages, and the visits logged so far, unevenly spread so some grids lag.
import {
	CAMPAIGN_TOPICS,
	VISITOR_KINDS,
	type CampaignBlockRow,
	type CampaignRow,
	type CampaignTopic,
	type CampaignVisitRow,
	type HouseholdRow,
	type VisitOutcome,
	type VisitorKind
} from '../../src/lib/types/domain.ts';
import { chinaDate, chinaMidnight, DAY_MS, iso } from './calendar.ts';
import { metreScale, offset, toMultiPolygon, toPoint, type Pt } from './geometry.ts';
import { pointOf, type Households } from './households.ts';
import type { Places, VillagePlace } from './places.ts';
import type { Rng } from './random.ts';
import { SUICHANG_CODE } from './scales.ts';
import { unionShapes } from './tessellation.ts';

export interface Campaign {
	campaigns: CampaignRow[];
	blocks: CampaignBlockRow[];
	visits: CampaignVisitRow[];
	/** the villages of each block, in block order */
	blockVillages: VillagePlace[][];
}

const BLOCKS = 18;
const VISITOR_WEIGHTS: Record<VisitorKind, number> = {
	police: 7,
	auxiliary: 10,
	assistant: 8,
	grid_worker: 24,
	volunteer: 28,
	village_cadre: 12,
	building_head: 5,
	bank_staff: 3,
	womens_federation: 3
};

/** Lloyd's k-means on village centres (in km) with k-means++ seeding; never leaves a cluster empty. */
function kMeans(rng: Rng, points: Pt[], k: number): number[] {
	const centres: Pt[] = [rng.pick(points)];
	const d2 = (a: Pt, b: Pt) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;
	while (centres.length < k) {
		const w = points.map((p) => Math.min(...centres.map((c) => d2(p, c))));
		centres.push(points[rng.weighted(w)]);
	}
	let label = points.map(() => 0);
	for (let iter = 0; iter < 50; iter++) {
		const next = points.map((p) => {
			let best = 0;
			for (let c = 1; c < k; c++) if (d2(p, centres[c]) < d2(p, centres[best])) best = c;
			return best;
		});
		for (let c = 0; c < k; c++) {
			if (next.includes(c)) continue;
			// an empty cluster takes the point farthest from its own centre
			let far = 0;
			for (let i = 1; i < points.length; i++) {
				if (d2(points[i], centres[next[i]]) > d2(points[far], centres[next[far]])) far = i;
			}
			next[far] = c;
		}
		const same = next.every((l, i) => l === label[i]);
		label = next;
		for (let c = 0; c < k; c++) {
			const members = points.filter((_, i) => label[i] === c);
			centres[c] = [
				members.reduce((a, p) => a + p[0], 0) / members.length,
				members.reduce((a, p) => a + p[1], 0) / members.length
			];
		}
		if (same && iter > 0) break;
	}
	return label;
}

function topicsFor(rng: Rng, h: HouseholdRow): CampaignTopic[] {
	const out: CampaignTopic[] = [];
	if (rng.chance(0.95)) out.push('anti_fraud');
	if (h.elderly_alone || rng.chance(0.4)) out.push('elder_fraud');
	if (rng.chance(0.5)) out.push('dispute_screening');
	if (rng.chance(0.45)) out.push('fire_safety');
	if (rng.chance(0.25)) out.push('traffic_law');
	return out.length ? out : ['anti_fraud'];
}

/** Where the visitor's phone was: mostly at the door, a few logged from the road or the office. */
function devicePosition(rng: Rng, at: Pt): Pt {
	const r = rng.next();
	const d = r < 0.965 ? 30 * Math.sqrt(rng.next()) : r < 0.995 ? rng.range(100, 300) : rng.range(300, 900);
	const a = rng.range(0, 2 * Math.PI);
	return offset(at, Math.cos(a) * d, Math.sin(a) * d);
}

export function buildCampaign(places: Places, homes: Households, nowMs: number, rng: Rng): Campaign {
	const county = places.counties.find((c) => c.row.code === SUICHANG_CODE);
	if (!county) return { campaigns: [], blocks: [], visits: [], blockVillages: [] };
	const startMs = chinaMidnight(nowMs) - 60 * DAY_MS;
	const campaign: CampaignRow = {
		id: 1,
		name: `${county.row.name}“敲门行动”`,
		topics: [...CAMPAIGN_TOPICS],
		starts_on: chinaDate(startMs),
		ends_on: chinaDate(chinaMidnight(nowMs) + 30 * DAY_MS),
		target_share: 0.9
	};

	// scope: the most populous townships, at least two and enough villages for 18 blocks
	const byHouseholds = [...county.townships].sort(
		(a, b) =>
			b.villages.reduce((s, v) => s + v.households, 0) - a.villages.reduce((s, v) => s + v.households, 0) ||
			a.row.id - b.row.id
	);
	const scope: VillagePlace[] = [];
	for (const [i, t] of byHouseholds.entries()) {
		if (i >= 4 || (i >= 2 && scope.length >= BLOCKS * 2)) break;
		scope.push(...t.villages);
	}
	const [kx, ky] = metreScale(county.seat[1]);
	const km = (p: Pt): Pt => [(p[0] * kx) / 1000, (p[1] * ky) / 1000];
	const labels = kMeans(
		rng.fork('blocks'),
		scope.map((v) => km(v.centre)),
		Math.min(BLOCKS, scope.length)
	);
	const groups: VillagePlace[][] = [];
	labels.forEach((l, i) => (groups[l] ??= []).push(scope[i]));
	// 第1区块 is the one nearest the county seat, then outwards
	const seat = km(county.seat);
	const distance = (g: VillagePlace[]) => {
		const c = g.map((v) => km(v.centre));
		const x = c.reduce((a, p) => a + p[0], 0) / c.length;
		const y = c.reduce((a, p) => a + p[1], 0) / c.length;
		return Math.hypot(x - seat[0], y - seat[1]);
	};
	groups.sort((a, b) => distance(a) - distance(b));
	const blocks: CampaignBlockRow[] = groups.map((g, i) => ({
		id: i + 1,
		campaign_id: campaign.id,
		name: `第${i + 1}区块`,
		geom: toMultiPolygon(unionShapes(g.map((v) => v.shape)))
	}));

	// visits: each block has its own pace, each grid varies around it
	const visits: Omit<CampaignVisitRow, 'id'>[] = [];
	const kinds = VISITOR_KINDS.map((k) => VISITOR_WEIGHTS[k]);
	/** a daytime moment within maxDays after `after` and before now */
	const visitAt = (after: number, maxDays: number): number => {
		for (let i = 0; i < 30; i++) {
			const t = chinaMidnight(after) + rng.int(0, maxDays) * DAY_MS + rng.int(8 * 3600, 20.5 * 3600) * 1000;
			if (t > after && t < nowMs) return t;
		}
		return after + Math.ceil(((nowMs - after) * rng.range(0.01, 1)) / 1000) * 1000;
	};
	const log = (h: HouseholdRow, urban: boolean, at: number, outcome: VisitOutcome) => {
		const visited = outcome === 'visited';
		const fraud = visited && rng.chance(h.elderly_alone || h.past_fraud_victim ? 0.03 : 0.008);
		const kind =
			VISITOR_KINDS[
				rng.weighted(kinds.map((w, i) => (VISITOR_KINDS[i] === 'building_head' && urban ? w * 3 : w)))
			];
		visits.push({
			campaign_id: campaign.id,
			household_id: h.id,
			visited_at: iso(at),
			outcome,
			visitor_kind: kind,
			topics: visited ? topicsFor(rng, h) : [],
			fraud_risk_found: fraud,
			money_protected: fraud
				? Math.round(Math.exp(rng.range(Math.log(1000), Math.log(200_000))) / 100) * 100
				: 0,
			dispute_found: visited && rng.chance(0.002),
			fire_hazard_found: visited && rng.chance(0.005),
			geom: toPoint(devicePosition(rng, pointOf(h)))
		});
	};
	for (const g of groups) {
		const pace = rng.range(0.4, 0.9);
		for (const v of g) {
			const urban = v.row.kind === 'community';
			for (const grid of v.grids) {
				const gh = homes.byGrid[grid.row.id - 1];
				const share = Math.max(0.2, Math.min(1, pace + rng.normal() * 0.18));
				for (const h of rng.sample(gh, Math.round(share * gh.length))) {
					const first = visitAt(startMs, 60);
					const outcome = (['visited', 'nobody_home', 'refused'] as const)[rng.weighted([88, 9, 3])];
					log(h, urban, first, outcome);
					// nobody home: most get a return visit; a few visited homes get a follow-up
					if ((outcome === 'nobody_home' && rng.chance(0.6)) || (outcome === 'visited' && rng.chance(0.04))) {
						log(h, urban, visitAt(first, 10), rng.chance(0.85) ? 'visited' : 'nobody_home');
					}
				}
			}
		}
	}
	const ordered = visits
		.map((v, i) => ({ v, i, t: Date.parse(v.visited_at) }))
		.sort((a, b) => a.t - b.t || a.i - b.i)
		.map(({ v }, i) => ({ id: i + 1, ...v }));
	return { campaigns: [campaign], blocks, visits: ordered, blockVillages: groups };
}
