// Key units (重点单位) with their responsible officer (一企一警): enterprises, hazardous-goods
// sites, schools, banks and markets, mostly in the towns.
import {
	KEY_UNIT_KINDS,
	type KeyUnitKind,
	type KeyUnitRow,
	type OfficerRow
} from '../../src/lib/types/domain.ts';
import { offset, pointInMulti, toPoint, type Pt } from './geometry.ts';
import { pointOf, type Households } from './households.ts';
import { shortName } from './names.ts';
import type { Places, VillagePlace } from './places.ts';
import type { Policing } from './policing.ts';
import { apportion, WeightedTable, type Rng } from './random.ts';

const KIND_WEIGHTS: Record<KeyUnitKind, number> = {
	enterprise: 40,
	hazardous: 8,
	school: 20,
	bank: 12,
	market: 20
};
const ASSIGNED_SHARE = 0.9;

const INDUSTRIES = [
	'竹木制品',
	'机械',
	'茶业',
	'食品',
	'电子',
	'纺织',
	'矿业',
	'建材',
	'五金',
	'农业开发',
	'旅游开发',
	'水电'
];
const BANKS = ['中国农业银行', '中国工商银行', '中国建设银行', '中国银行', '中国邮政储蓄银行', '农商银行'];

function nameOf(rng: Rng, kind: KeyUnitKind, v: VillagePlace): string {
	const county = v.township.county.row.name;
	const town = shortName(v.township.row.name);
	const place = shortName(v.row.name);
	switch (kind) {
		case 'enterprise':
			return `${county}${place}${rng.pick(INDUSTRIES)}有限公司`;
		case 'hazardous':
			return rng.pick([
				`${place}加油站`,
				`${county}${place}化工有限公司`,
				`${town}液化气供应站`,
				`${place}烟花爆竹仓库`
			]);
		case 'school':
			return rng.pick([`${town}中心小学`, `${town}初级中学`, `${place}幼儿园`, `${place}小学`]);
		case 'bank':
			return `${rng.pick(BANKS)}${shortName(county)}${town}${rng.chance(0.5) ? '支行' : '分理处'}`;
		case 'market':
			return rng.pick([`${town}农贸市场`, `${place}集贸市场`, `${town}${place}超市`]);
	}
}

/** A point up to 80 m from p, inside the shape. */
function near(rng: Rng, p: Pt, inside: (q: Pt) => boolean): Pt {
	for (let i = 0; i < 5; i++) {
		const a = rng.range(0, 2 * Math.PI);
		const d = 80 * Math.sqrt(rng.next());
		const q = offset(p, Math.cos(a) * d, Math.sin(a) * d);
		if (inside(q)) return q;
	}
	return p;
}

export function buildKeyUnits(
	places: Places,
	homes: Households,
	policing: Policing,
	total: number,
	rng: Rng
): KeyUnitRow[] {
	const police = new Map<number, OfficerRow[]>();
	for (const o of policing.officers) {
		if (o.kind !== 'police' || o.status !== 'active') continue;
		const list = police.get(o.station_id) ?? [];
		list.push(o);
		police.set(o.station_id, list);
	}
	const perCounty = apportion(
		total,
		places.counties.map((c) => c.grids)
	);
	const kinds = KEY_UNIT_KINDS.map((k) => KIND_WEIGHTS[k]);
	const rows: KeyUnitRow[] = [];
	places.counties.forEach((county, ci) => {
		const villages = county.townships.flatMap((t) => t.villages);
		const town = (v: VillagePlace) =>
			v.township.row.kind === 'subdistrict' ? 2.5 : v.township.row.kind === 'town' ? 1.5 : 0.6;
		// hazardous sites sit out of town; everything else follows people, towns first
		const urbanTable = new WeightedTable(villages.map((v) => v.households * town(v)));
		const ruralTable = new WeightedTable(villages.map((v) => Math.sqrt(v.households)));
		for (let n = 0; n < perCounty[ci]; n++) {
			const kind = KEY_UNIT_KINDS[rng.weighted(kinds)];
			const v = villages[(kind === 'hazardous' ? ruralTable : urbanTable).draw(rng)];
			const grid = rng.pick(v.grids);
			const gh = homes.byGrid[grid.row.id - 1];
			const at = gh.length ? near(rng, pointOf(rng.pick(gh)), (q) => pointInMulti(q, grid.shape)) : v.centre;
			const officers = police.get(v.row.station_id) ?? [];
			rows.push({
				id: rows.length + 1,
				name: nameOf(rng, kind, v),
				kind,
				officer_id: officers.length > 0 && rng.chance(ASSIGNED_SHARE) ? rng.pick(officers).id : null,
				geom: toPoint(at)
			});
		}
	});
	return rows;
}
