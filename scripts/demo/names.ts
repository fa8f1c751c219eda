// Chinese names for people and places, built from parts common in southern Zhejiang so the map
// reads like the real thing without naming real people or real villages.
import type { Rng } from './random.ts';

// frequent surnames in 丽水, roughly in order; weights fall off with rank
const SURNAMES = [
	'叶',
	'吴',
	'周',
	'李',
	'王',
	'陈',
	'张',
	'徐',
	'刘',
	'朱',
	'毛',
	'郑',
	'林',
	'蓝',
	'雷',
	'杨',
	'何',
	'黄',
	'潘',
	'钟',
	'金',
	'邱',
	'程',
	'罗',
	'华',
	'廖',
	'应',
	'胡',
	'范',
	'邓',
	'谢',
	'柳',
	'沈',
	'季',
	'翁',
	'包',
	'尹',
	'鲍',
	'严',
	'练',
	'曾',
	'孙',
	'赵',
	'马',
	'高',
	'汤',
	'方',
	'姜',
	'蔡',
	'余'
];
const SURNAME_WEIGHTS = SURNAMES.map((_, i) => 1 / (i + 4));

const GIVEN_MALE = '伟强军平建国华明志勇杰斌涛峰磊鹏辉俊海林波宏亮文刚新永春荣忠德水根土发福才松'.split('');
const GIVEN_FEMALE = '芳丽娟英华秀兰霞燕玲萍红梅琴云莲珍凤艳娜静敏雪慧月香仙菊美翠'.split('');

export function personName(rng: Rng): string {
	const surname = SURNAMES[rng.weighted(SURNAME_WEIGHTS)];
	const pool = rng.chance(0.55) ? GIVEN_MALE : GIVEN_FEMALE;
	const given = rng.chance(0.7) ? rng.pick(pool) + rng.pick(pool) : rng.pick(pool);
	return surname + given;
}

/** 11-digit mobile number starting 13/15/18. */
export function phoneNumber(rng: Rng): string {
	let s = '1' + rng.pick(['3', '5', '8']);
	for (let i = 0; i < 9; i++) s += String(rng.int(0, 9));
	return s;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * An 18-character resident ID: county code, birth date, sequence, check character. The check
 * character is deliberately the one after the correct one, so no generated number validates.
 */
export function idNumber(rng: Rng, countyCode: string, birthYear: number): string {
	const month = rng.int(1, 12);
	const day = rng.int(1, 28);
	const body =
		countyCode +
		String(birthYear) +
		String(month).padStart(2, '0') +
		String(day).padStart(2, '0') +
		String(rng.int(0, 999)).padStart(3, '0');
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i];
	return body + ID_CHECK[(sum + 1) % 11];
}

// Place-name parts: first syllables and landform endings of villages in the hills of 丽水
const PLACE_HEADS =
	'上下大小石黄白新东西南北前后高龙金马桃杨梅竹茶枫松柳长双三五里中官岩青红云古叶吴毛周湖溪岭坑'.split('');
const PLACE_MIDS = '家山田坑源溪塘坪岭口湾岙垟坞坂畈岗桥头'.split('');
const VILLAGE_TAILS = '坑源口坪岭山田湾塘洋坂畈岗垟坞岙头桥溪庄圩垄埠寮坦底'.split('');
const COMMUNITY_STEMS = [
	'城东',
	'城西',
	'城南',
	'城北',
	'北街',
	'南街',
	'东街',
	'西街',
	'东门',
	'西门',
	'新华',
	'平昌',
	'凯恩',
	'健康',
	'人民',
	'金岸',
	'龙谷',
	'溪口',
	'公园',
	'华侨',
	'学府',
	'新城',
	'汤公',
	'北门',
	'南门',
	'东城',
	'西城',
	'滨江',
	'翠竹',
	'紫荆',
	'梅园',
	'文昌',
	'兴隆',
	'太平',
	'金山',
	'官塘',
	'锦绣',
	'和平',
	'清源',
	'府前'
];
const STREETS = [
	'东街',
	'西街',
	'南街',
	'北街',
	'人民路',
	'新华路',
	'健康路',
	'解放路',
	'新城路',
	'环城路',
	'中山路',
	'公园路',
	'学前路',
	'车站路',
	'滨江路',
	'文化路'
];

/** Draws names that are unique within one scope (a county, a township). */
export class NamePool {
	private readonly used = new Set<string>();

	constructor(private readonly rng: Rng) {}

	/** A fresh name from the generator; a numeral suffix only when the generator keeps repeating. */
	take(make: (rng: Rng) => string, suffix = ''): string {
		for (let i = 0; i < 40; i++) {
			const name = make(this.rng) + suffix;
			if (!this.used.has(name)) {
				this.used.add(name);
				return name;
			}
		}
		for (let n = 2; ; n++) {
			const name = make(this.rng) + String(n) + suffix;
			if (!this.used.has(name)) {
				this.used.add(name);
				return name;
			}
		}
	}

	/** A fresh name, or null when the generator has run out of them. */
	tryTake(make: (rng: Rng) => string, tries = 12): string | null {
		for (let i = 0; i < tries; i++) {
			const name = make(this.rng);
			if (!this.used.has(name)) {
				this.used.add(name);
				return name;
			}
		}
		return null;
	}

	reserve(name: string): void {
		this.used.add(name);
	}
}

/** Two or three syllables of a village or natural-village (自然村) name, without 村. */
export function placeStem(rng: Rng): string {
	const head = rng.pick(PLACE_HEADS);
	if (rng.chance(0.25)) return head + rng.pick(PLACE_MIDS) + rng.pick(VILLAGE_TAILS);
	let tail = rng.pick(VILLAGE_TAILS);
	while (tail === head) tail = rng.pick(VILLAGE_TAILS);
	return head + tail;
}

export function communityStem(rng: Rng): string {
	return rng.pick(COMMUNITY_STEMS);
}

/** Two syllables for a generated township or county. */
export function regionStem(rng: Rng): string {
	const a = rng.pick(PLACE_HEADS);
	let b = rng.pick(PLACE_MIDS.concat(VILLAGE_TAILS));
	while (b === a) b = rng.pick(PLACE_MIDS);
	return a + b;
}

export function streetName(rng: Rng): string {
	return rng.pick(STREETS);
}

/** The short form of a place name: 妙高街道 → 妙高, 三仁畲族乡 → 三仁, 遂昌县 → 遂昌. */
export function shortName(name: string): string {
	const short = name.replace(/(畲族自治县|畲族乡|街道|自治县|镇|乡|县|区|市|社区|村)$/u, '');
	return short.length >= 2 ? short : name;
}
