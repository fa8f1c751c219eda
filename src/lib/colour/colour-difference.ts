// How far apart two colours look: CIEDE2000 (ΔE00) on CIELAB under D65, for normal vision and
// under a simulated deuteranopia (Machado, Oliveira & Fernandes 2009, severity 1), the most
// common colour-vision deficiency (~5% of men). Used by tests that hold the map's palettes to a
// minimum difference between any two colours shown together. Pure: no imports.

export type Rgb = readonly [number, number, number];
export type Lab = [number, number, number];

const toLinear = (c: number) => {
	const v = c / 255;
	return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};
const fromLinear = (v: number) => {
	const c = Math.min(1, Math.max(0, v));
	return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
};

export function toLab([r, g, b]: Rgb): Lab {
	const [lr, lg, lb] = [toLinear(r), toLinear(g), toLinear(b)];
	// sRGB → XYZ (D65), normalised by the white point
	const x = (0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb) / 0.95047;
	const y = 0.2126729 * lr + 0.7151522 * lg + 0.072175 * lb;
	const z = (0.0193339 * lr + 0.119192 * lg + 0.9503041 * lb) / 1.08883;
	const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
	const [fx, fy, fz] = [f(x), f(y), f(z)];
	return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

const RAD = Math.PI / 180;

/** CIEDE2000 colour difference of two sRGB colours. */
export function deltaE2000(a: Rgb, b: Rgb): number {
	return deltaE2000Lab(toLab(a), toLab(b));
}

/** CIEDE2000 colour difference of two CIELAB colours (Sharma, Wu & Dalal 2005). */
export function deltaE2000Lab([L1, a1, b1]: readonly number[], [L2, a2, b2]: readonly number[]): number {
	const C1 = Math.hypot(a1, b1);
	const C2 = Math.hypot(a2, b2);
	const Cm = (C1 + C2) / 2;
	const G = 0.5 * (1 - Math.sqrt(Cm ** 7 / (Cm ** 7 + 25 ** 7)));
	const a1p = (1 + G) * a1;
	const a2p = (1 + G) * a2;
	const C1p = Math.hypot(a1p, b1);
	const C2p = Math.hypot(a2p, b2);
	const hue = (bb: number, ap: number) => {
		if (bb === 0 && ap === 0) return 0;
		const h = Math.atan2(bb, ap) / RAD;
		return h < 0 ? h + 360 : h;
	};
	const h1p = hue(b1, a1p);
	const h2p = hue(b2, a2p);
	const dLp = L2 - L1;
	const dCp = C2p - C1p;
	let dhp = 0;
	if (C1p * C2p !== 0) {
		dhp = h2p - h1p;
		if (dhp > 180) dhp -= 360;
		else if (dhp < -180) dhp += 360;
	}
	const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin((dhp / 2) * RAD);
	const Lpm = (L1 + L2) / 2;
	const Cpm = (C1p + C2p) / 2;
	let hpm = h1p + h2p;
	if (C1p * C2p !== 0) {
		if (Math.abs(h1p - h2p) <= 180) hpm = (h1p + h2p) / 2;
		else hpm = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
	}
	const T =
		1 -
		0.17 * Math.cos((hpm - 30) * RAD) +
		0.24 * Math.cos(2 * hpm * RAD) +
		0.32 * Math.cos((3 * hpm + 6) * RAD) -
		0.2 * Math.cos((4 * hpm - 63) * RAD);
	const dTheta = 30 * Math.exp(-(((hpm - 275) / 25) ** 2));
	const Rc = 2 * Math.sqrt(Cpm ** 7 / (Cpm ** 7 + 25 ** 7));
	const Sl = 1 + (0.015 * (Lpm - 50) ** 2) / Math.sqrt(20 + (Lpm - 50) ** 2);
	const Sc = 1 + 0.045 * Cpm;
	const Sh = 1 + 0.015 * Cpm * T;
	const Rt = -Math.sin(2 * dTheta * RAD) * Rc;
	return Math.sqrt((dLp / Sl) ** 2 + (dCp / Sc) ** 2 + (dHp / Sh) ** 2 + Rt * (dCp / Sc) * (dHp / Sh));
}

/** The colour as a deuteranope sees it (Machado et al. 2009, severity 1.0, linear RGB). */
export function simulateDeuteranopia([r, g, b]: Rgb): Rgb {
	const [lr, lg, lb] = [toLinear(r), toLinear(g), toLinear(b)];
	return [
		fromLinear(0.367322 * lr + 0.860646 * lg - 0.227968 * lb),
		fromLinear(0.280085 * lr + 0.672501 * lg + 0.047413 * lb),
		fromLinear(-0.01182 * lr + 0.04294 * lg + 0.968881 * lb)
	];
}

/** The closest pair of a palette and its distance, for normal vision or a deuteranope. */
export function closestPair(
	palette: Record<string, Rgb>,
	vision: 'normal' | 'deuteranopia' = 'normal'
): { a: string; b: string; deltaE: number } {
	const entries = Object.entries(palette).map(
		([k, c]) => [k, vision === 'deuteranopia' ? simulateDeuteranopia(c) : c] as const
	);
	let best = { a: '', b: '', deltaE: Infinity };
	for (let i = 0; i < entries.length; i++)
		for (let j = i + 1; j < entries.length; j++) {
			const d = deltaE2000(entries[i][1], entries[j][1]);
			if (d < best.deltaE) best = { a: entries[i][0], b: entries[j][0], deltaE: d };
		}
	return best;
}
