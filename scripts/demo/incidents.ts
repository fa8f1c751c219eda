// Incidents (警情) of the year before `now`: times follow a day's rhythm, places follow the
// households, and a share of villages stays quiet so 零发案村 shows up.
import {
	INCIDENT_CATEGORIES,
	type HouseholdRow,
	type IncidentCategory,
	type IncidentRow,
	type IncidentStatus
} from '../../src/lib/types/domain.ts';
import { chinaMidnight, chinaYear, DAY_MS, HOUR_MS, iso } from './calendar.ts';
import { offset, pointInMulti, toPoint, type Pt } from './geometry.ts';
import { pointOf, type Households } from './households.ts';
import type { GridPlace, Places, VillagePlace } from './places.ts';
import { WeightedTable, type Rng } from './random.ts';

/** relative frequency by China hour: low 2–6, peaks 9–11 and 19–22 */
export const HOUR_PROFILE = [
	3, 2, 1.1, 0.8, 0.7, 0.8, 1.5, 3, 5, 7.5, 8, 7.5, 5.5, 5, 5.5, 6, 6, 6.5, 7, 8.5, 9, 8.5, 7.5, 4.5
];

export const CATEGORY_WEIGHTS: Record<IncidentCategory, number> = {
	criminal: 6,
	public_order: 18,
	dispute: 22,
	fraud: 9,
	traffic: 20,
	assistance: 17,
	fire: 2,
	other: 6
};

export const SUMMARIES: Record<IncidentCategory, string[]> = {
	criminal: [
		'入室盗窃，现场已勘查',
		'电动车被盗',
		'盗窃农作物',
		'故意损毁财物',
		'持械伤人，嫌疑人已控制',
		'盗窃电缆线'
	],
	public_order: ['酒后滋事', '噪音扰民', '聚众赌博，已查处', '打架斗殴', '醉酒人员滋扰', '燃放烟花扰民'],
	dispute: [
		'邻里因宅基地边界发生纠纷',
		'家庭矛盾纠纷',
		'山林权属纠纷',
		'土地流转费用纠纷',
		'劳资纠纷，拖欠工资',
		'婚恋纠纷',
		'消费纠纷',
		'相邻排水纠纷'
	],
	fraud: [
		'冒充客服电信网络诈骗，已劝阻',
		'刷单返利诈骗',
		'冒充公检法诈骗，已止付',
		'保健品推销诈骗老人',
		'网络贷款诈骗',
		'冒充熟人借钱诈骗'
	],
	traffic: ['两车剐蹭，无人员受伤', '电动自行车与行人碰撞', '山路车辆侧翻', '违停堵塞道路', '农用车事故'],
	assistance: [
		'老人走失，已找回',
		'儿童走失求助',
		'钥匙反锁求助',
		'群众求助送医',
		'山区迷路求助',
		'动物进入民宅求助'
	],
	fire: ['厨房起火，已扑灭', '野外用火引发山火', '电动车充电起火', '电线短路起火'],
	other: ['群众咨询户籍事宜', '拾得物品上交', '无效报警', '噪音投诉转办']
};

const ZERO_YEAR_SHARE = 0.05;
const QUIET_MONTH_SHARE = 0.05;
const RECENT_MS = 30 * DAY_MS;

interface Home {
	household: HouseholdRow;
	grid: GridPlace;
}

/** A point up to 50 m from the household, still inside its grid (else the household itself). */
function nearHome(rng: Rng, home: Home): Pt {
	const p = pointOf(home.household);
	for (let i = 0; i < 3; i++) {
		const a = rng.range(0, 2 * Math.PI);
		const d = 50 * Math.sqrt(rng.next());
		const q = offset(p, Math.cos(a) * d, Math.sin(a) * d);
		if (pointInMulti(q, home.grid.shape)) return q;
	}
	return p;
}

function statusOf(rng: Rng, ageMs: number): IncidentStatus {
	if (ageMs > 3 * DAY_MS) return 'closed';
	const hours = ageMs / HOUR_MS;
	const weights =
		hours < 1
			? [4, 4, 2, 0]
			: hours < 6
				? [0.5, 2, 4, 3.5]
				: hours < 24
					? [0.2, 0.8, 2, 7]
					: [0.1, 0.3, 1, 8.6];
	return (['new', 'dispatched', 'on_scene', 'closed'] as const)[rng.weighted(weights)];
}

/** An incident drawn but not yet numbered: ids and codes follow once the set is final. */
export interface IncidentDraft {
	at: number;
	/** index into places.villages */
	village: number;
	/** id of the grid of the household it happened at (the point lies in that grid) */
	grid: number;
	row: Omit<IncidentRow, 'id' | 'code'>;
}

export function drawIncidents(
	places: Places,
	homes: Households,
	count: number,
	nowMs: number,
	rng: Rng
): IncidentDraft[] {
	const villages = places.villages;
	const homesOf: Home[][] = villages.map((v) =>
		v.grids.flatMap((g) => homes.byGrid[g.row.id - 1].map((household) => ({ household, grid: g })))
	);
	// the quiet ones are drawn from the smaller half of the villages
	const small = villages
		.filter((v) => v.row.kind === 'village')
		.sort((a, b) => a.households - b.households || a.row.id - b.row.id)
		.slice(0, Math.ceil(villages.length / 2));
	const quiet = rng.sample(small, Math.round(villages.length * (ZERO_YEAR_SHARE + QUIET_MONTH_SHARE)));
	const zeroYear = new Set<VillagePlace>(quiet.slice(0, Math.round(villages.length * ZERO_YEAR_SHARE)));
	const quietMonth = new Set<VillagePlace>(quiet);
	// less than proportional to size, so small villages still see the odd incident
	const base = villages.map(
		(v, i) => homesOf[i].length ** 0.85 * (v.row.kind === 'community' ? 1.4 : 1) * rng.lognormal(0.35)
	);
	const yearTable = new WeightedTable(base.map((w, i) => (zeroYear.has(villages[i]) ? 0 : w)));
	const monthTable = new WeightedTable(base.map((w, i) => (quietMonth.has(villages[i]) ? 0 : w)));
	const categories = INCIDENT_CATEGORIES.map((c) => CATEGORY_WEIGHTS[c]);

	const today = chinaMidnight(nowMs);
	const drafts: IncidentDraft[] = [];
	for (let n = 0; n < count; n++) {
		let at: number;
		do {
			at = today - rng.int(0, 365) * DAY_MS + rng.weighted(HOUR_PROFILE) * HOUR_MS + rng.int(0, 3599) * 1000;
		} while (at >= nowMs || at <= nowMs - 365 * DAY_MS);
		const vi = (nowMs - at < RECENT_MS ? monthTable : yearTable).draw(rng);
		const home = rng.pick(homesOf[vi]);
		const category = INCIDENT_CATEGORIES[rng.weighted(categories)];
		const status = statusOf(rng, nowMs - at);
		drafts.push({
			at,
			village: vi,
			grid: home.grid.row.id,
			row: {
				category,
				status,
				priority: ([1, 2, 3] as const)[rng.weighted([10, 70, 20])],
				summary: rng.pick(SUMMARIES[category]),
				occurred_at: iso(at),
				mediation_status:
					category === 'dispute' && status === 'closed'
						? rng.chance(0.95)
							? 'mediated'
							: 'unresolved'
						: null,
				geom: toPoint(nearHome(rng, home))
			}
		});
	}
	return drafts;
}

/** Ids and codes in time order, numbered per county and year as a 110 system would. */
export function numberIncidents(places: Places, drafts: readonly IncidentDraft[]): IncidentRow[] {
	const villages = places.villages;
	// a stable sort: same-instant drafts keep the order they were drawn in
	const ordered = [...drafts].sort((a, b) => a.at - b.at);
	const serial = new Map<string, number>();
	return ordered.map((d, i) => {
		const county = villages[d.village].township.county.row.code;
		const key = `${county}${chinaYear(d.at)}`;
		const n = (serial.get(key) ?? 0) + 1;
		serial.set(key, n);
		return { id: i + 1, code: `J${key}${String(n).padStart(6, '0')}`, ...d.row };
	});
}
