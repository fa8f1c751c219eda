// The prefecture-level cities (地级市) of Zhejiang and Fujian, by the first four digits of the
// national division code their counties share: the database keeps counties only, and a
// province's planner works one city at a time.
import type { AreaCollection } from '$lib/types/layers';

const CITY_NAMES: Readonly<Record<string, string>> = {
	'3301': '杭州市',
	'3302': '宁波市',
	'3303': '温州市',
	'3304': '嘉兴市',
	'3305': '湖州市',
	'3306': '绍兴市',
	'3307': '金华市',
	'3308': '衢州市',
	'3309': '舟山市',
	'3310': '台州市',
	'3311': '丽水市',
	'3501': '福州市',
	'3502': '厦门市',
	'3503': '莆田市',
	'3504': '三明市',
	'3505': '泉州市',
	'3506': '漳州市',
	'3507': '南平市',
	'3508': '龙岩市',
	'3509': '宁德市'
};

export interface City {
	/** the four-digit code prefix, e.g. 3311 */
	code: string;
	/** the city's name; its code where the city is not one of the two provinces' */
	name: string;
	countyIds: number[];
	counties: AreaCollection['features'];
}

/** The cities the counties lie in, by code. */
export function citiesOf(counties: AreaCollection): City[] {
	const byCode: Record<string, City> = {};
	for (const county of counties.features) {
		const code = county.properties.code.slice(0, 4);
		const city = (byCode[code] ??= { code, name: CITY_NAMES[code] ?? code, countyIds: [], counties: [] });
		city.countyIds.push(county.properties.id);
		city.counties.push(county);
	}
	return Object.values(byCode).sort((a, b) => a.code.localeCompare(b.code));
}
