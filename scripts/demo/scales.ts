// What each demo scale contains: the published figures for 遂昌县 and 丽水市, and a region and a
// province sized to stress the map rather than to match statistics.
import type { DemoScale, TownshipKind } from '../../src/lib/types/domain.ts';
import type { Pt } from './geometry.ts';
import { LISHUI_ADCODE } from './outline.ts';

export interface RealCounty {
	name: string;
	code: string;
	seat: Pt;
	/** registered population in 10,000s: splits households between counties */
	people: number;
}

/** The 9 counties and districts of 丽水市 with approximate county seats. */
export const LISHUI_COUNTIES: RealCounty[] = [
	{ name: '莲都区', code: '331102', seat: [119.92, 28.45], people: 55 },
	{ name: '青田县', code: '331121', seat: [120.29, 28.14], people: 50 },
	{ name: '缙云县', code: '331122', seat: [120.09, 28.66], people: 46 },
	{ name: '遂昌县', code: '331123', seat: [119.27, 28.59], people: 23 },
	{ name: '松阳县', code: '331124', seat: [119.48, 28.45], people: 24 },
	{ name: '云和县', code: '331125', seat: [119.57, 28.12], people: 11 },
	{ name: '庆元县', code: '331126', seat: [119.06, 27.62], people: 20 },
	{ name: '景宁畲族自治县', code: '331127', seat: [119.64, 27.97], people: 17 },
	{ name: '龙泉市', code: '331181', seat: [119.14, 28.07], people: 29 }
];

export const LISHUI_CITY_SEAT_COUNTY = '331102';
/** 衢州市, 丽水市's neighbour to the north-west (the region scale's second city) */
export const QUZHOU_ADCODE = '330800';
export const SUICHANG_CODE = '331123';

/** 遂昌县's 20 townships; subdistricts first because the first one holds the county seat. */
export const SUICHANG_TOWNSHIPS: { name: string; kind: TownshipKind }[] = [
	{ name: '妙高街道', kind: 'subdistrict' },
	{ name: '云峰街道', kind: 'subdistrict' },
	{ name: '北界镇', kind: 'town' },
	{ name: '金竹镇', kind: 'town' },
	{ name: '大柘镇', kind: 'town' },
	{ name: '石练镇', kind: 'town' },
	{ name: '王村口镇', kind: 'town' },
	{ name: '黄沙腰镇', kind: 'town' },
	{ name: '新路湾镇', kind: 'town' },
	{ name: '湖山乡', kind: 'township' },
	{ name: '蔡源乡', kind: 'township' },
	{ name: '焦滩乡', kind: 'township' },
	{ name: '应村乡', kind: 'township' },
	{ name: '高坪乡', kind: 'township' },
	{ name: '濂竹乡', kind: 'township' },
	{ name: '三仁畲族乡', kind: 'township' },
	{ name: '柘岱口乡', kind: 'township' },
	{ name: '西畈乡', kind: 'township' },
	{ name: '垵口乡', kind: 'township' },
	{ name: '龙洋乡', kind: 'township' }
];

/** City seats, which anchor the urban district of each generated city (province scale). */
export const CITY_SEATS: Record<string, { seat: Pt; people: number }> = {
	'330100': { seat: [120.16, 30.27], people: 1200 },
	'330200': { seat: [121.55, 29.87], people: 940 },
	'330300': { seat: [120.7, 28.0], people: 960 },
	'330400': { seat: [120.76, 30.75], people: 550 },
	'330500': { seat: [120.09, 30.89], people: 340 },
	'330600': { seat: [120.58, 30.0], people: 530 },
	'330700': { seat: [119.65, 29.08], people: 710 },
	'330800': { seat: [118.87, 28.94], people: 230 },
	'330900': { seat: [122.21, 29.99], people: 116 },
	'331000': { seat: [121.42, 28.66], people: 660 },
	'331100': { seat: [119.92, 28.45], people: 250 }
};

/** Figures fixed for one county whatever the scale (遂昌县's published counts). */
export interface FixedCounty {
	villages: number;
	grids: number;
	households: number;
}

export interface ScaleParams {
	scale: DemoScale;
	/** city adcodes to fill, in order */
	cities: string[];
	/** keep only this county (the county scale) */
	onlyCounty: string | null;
	villages: number;
	grids: number;
	households: number;
	police: number;
	auxiliaries: number;
	incidents: number;
	keyUnits: number;
	fixed: Record<string, FixedCounty>;
	/** generated cities: about one county per this many km² */
	countyKm2: number;
	/** 背包警务 work points per county (遂昌 set up 36) */
	workPoints: (countyCode: string, villages: number) => number;
}

const SUICHANG: FixedCounty = { villages: 203, grids: 449, households: 80_000 };

export function scaleParams(scale: DemoScale): ScaleParams {
	const workPoints = (code: string, villages: number) =>
		code === SUICHANG_CODE ? 36 : Math.round(villages * 0.06);
	switch (scale) {
		case 'county':
			return {
				scale,
				cities: [LISHUI_ADCODE],
				onlyCounty: SUICHANG_CODE,
				villages: 203,
				grids: 449,
				households: 80_000,
				police: 350,
				auxiliaries: 400,
				incidents: 22_000,
				keyUnits: 150,
				fixed: { [SUICHANG_CODE]: SUICHANG },
				countyKm2: 1300,
				workPoints
			};
		case 'city':
			return {
				scale,
				cities: [LISHUI_ADCODE],
				onlyCounty: null,
				villages: 2850,
				grids: 3512,
				households: 900_000,
				police: 2040,
				auxiliaries: 2320,
				incidents: 200_000,
				keyUnits: 1200,
				fixed: { [SUICHANG_CODE]: SUICHANG },
				countyKm2: 1300,
				workPoints
			};
		case 'region':
			// two neighbouring cities on one server, just past the thresholds where pages go by city
			// and the overview by tiles (TILED_FROM_GRIDS): the province's paths, seeded in a minute
			return {
				scale,
				cities: [LISHUI_ADCODE, QUZHOU_ADCODE],
				onlyCounty: null,
				villages: 8_600,
				grids: 10_600,
				households: 160_000,
				police: 5_000,
				auxiliaries: 5_600,
				incidents: 40_000,
				keyUnits: 2_000,
				fixed: {},
				countyKm2: 1300,
				workPoints
			};
		case 'province':
			return {
				scale,
				cities: Object.keys(CITY_SEATS),
				onlyCounty: null,
				villages: 48_000,
				grids: 60_000,
				households: 1_200_000,
				police: 34_800,
				auxiliaries: 39_600,
				incidents: 300_000,
				keyUnits: 20_000,
				fixed: {},
				countyKm2: 1300,
				workPoints
			};
	}
}
