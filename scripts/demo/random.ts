// Seeded randomness. Every concept draws from its own stream (forked by label), so changing how
// one table is generated does not reshuffle the others and the output stays a pure function of
// the seed.

/** 32-bit string hash (FNV-1a followed by a murmur finaliser) to derive stream seeds. */
function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

export class Rng {
	// sfc32 state: fast, passes PractRand at this size, and plain 32-bit integer maths
	private a: number;
	private b: number;
	private c: number;
	private d: number;
	private spare: number | null = null;

	constructor(
		readonly seed: number,
		readonly label = ''
	) {
		this.a = hash(`${seed}/a/${label}`);
		this.b = hash(`${seed}/b/${label}`);
		this.c = hash(`${seed}/c/${label}`);
		this.d = 1;
		// the first outputs of sfc32 are correlated with the seed words
		for (let i = 0; i < 12; i++) this.next();
	}

	/** An independent stream for a sub-concept. */
	fork(label: string): Rng {
		return new Rng(this.seed, `${this.label}/${label}`);
	}

	/** Uniform in [0, 1). */
	next(): number {
		const t = (((this.a + this.b) | 0) + this.d) | 0;
		this.d = (this.d + 1) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) | 0;
		return (t >>> 0) / 4294967296;
	}

	/** Uniform in [lo, hi). */
	range(lo: number, hi: number): number {
		return lo + (hi - lo) * this.next();
	}

	/** Integer in [lo, hi], both inclusive. */
	int(lo: number, hi: number): number {
		return lo + Math.floor(this.next() * (hi - lo + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** Index drawn with probability proportional to its weight. */
	weighted(weights: readonly number[]): number {
		let total = 0;
		for (const w of weights) total += w;
		let r = this.next() * total;
		for (let i = 0; i < weights.length; i++) {
			r -= weights[i];
			if (r < 0) return i;
		}
		return weights.length - 1;
	}

	/** Standard normal (Marsaglia polar method). */
	normal(): number {
		if (this.spare !== null) {
			const s = this.spare;
			this.spare = null;
			return s;
		}
		let u: number, v: number, s: number;
		do {
			u = this.next() * 2 - 1;
			v = this.next() * 2 - 1;
			s = u * u + v * v;
		} while (s >= 1 || s === 0);
		const m = Math.sqrt((-2 * Math.log(s)) / s);
		this.spare = v * m;
		return u * m;
	}

	/** exp(N(0, sigma)): a positive factor around 1 for natural variation. */
	lognormal(sigma: number): number {
		return Math.exp(sigma * this.normal());
	}

	/** Fisher–Yates, in place. */
	shuffle<T>(items: T[]): T[] {
		for (let i = items.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			const t = items[i];
			items[i] = items[j];
			items[j] = t;
		}
		return items;
	}

	/** k distinct items (order random). */
	sample<T>(items: readonly T[], k: number): T[] {
		return this.shuffle(items.slice()).slice(0, Math.max(0, Math.min(k, items.length)));
	}
}

/**
 * Draws indices by weight in O(log n) per draw, for the hundreds of thousands of incidents that
 * each pick a village.
 */
export class WeightedTable {
	private readonly cumulative: Float64Array;

	constructor(weights: readonly number[]) {
		this.cumulative = new Float64Array(weights.length);
		let sum = 0;
		for (let i = 0; i < weights.length; i++) {
			sum += Math.max(0, weights[i]);
			this.cumulative[i] = sum;
		}
	}

	get total(): number {
		return this.cumulative.length ? this.cumulative[this.cumulative.length - 1] : 0;
	}

	draw(rng: Rng): number {
		const r = rng.next() * this.total;
		let lo = 0;
		let hi = this.cumulative.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.cumulative[mid] > r) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	}
}

/**
 * Splits an integer total in proportion to weights (largest remainder), with a floor per item:
 * the generator needs exact totals (203 villages, 449 grids) rather than rounded shares.
 */
export function apportion(total: number, weights: readonly number[], min = 0, max = Infinity): number[] {
	const n = weights.length;
	if (n === 0) return [];
	if (total < min * n || total > max * n)
		throw new Error(`cannot split ${total} into ${n} parts of ${min}..${max}`);
	const out = new Array<number>(n).fill(min);
	let left = total - min * n;
	// water-filling: repeatedly share what is left among the items below their cap
	while (left > 0) {
		const open: number[] = [];
		let wsum = 0;
		for (let i = 0; i < n; i++) {
			if (out[i] < max) {
				open.push(i);
				wsum += Math.max(weights[i], 1e-9);
			}
		}
		const shares = open.map((i) => (left * Math.max(weights[i], 1e-9)) / wsum);
		let given = 0;
		open.forEach((i, k) => {
			const add = Math.min(Math.floor(shares[k]), max - out[i]);
			out[i] += add;
			given += add;
		});
		if (given === 0) {
			// hand out the remainder one by one, largest fractional share first
			const order = open
				.map((i, k) => ({ i, frac: shares[k] - Math.floor(shares[k]) }))
				.sort((x, y) => y.frac - x.frac || x.i - y.i);
			for (const { i } of order) {
				if (left - given === 0) break;
				if (out[i] < max) {
					out[i]++;
					given++;
				}
			}
		}
		left -= given;
	}
	return out;
}
