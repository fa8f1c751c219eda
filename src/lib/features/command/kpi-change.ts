// Is a change in a count real or chance? Counts of incidents are Poisson; the square root
// stabilises their variance, so z = 2(√now − √before) is about standard normal when nothing
// changed. Only |z| > 2 is flagged: a bare percentage on small counts cries wolf.
export const SIGNIFICANT_Z = 2;

export interface KpiChange {
	now: number;
	before: number;
	z: number;
	/** beyond chance: |z| > 2 */
	significant: boolean;
	direction: 'up' | 'down' | 'same';
}

export function poissonZ(now: number, before: number): number {
	return 2 * (Math.sqrt(Math.max(0, now)) - Math.sqrt(Math.max(0, before)));
}

export function kpiChange(now: number, before: number): KpiChange {
	const z = poissonZ(now, before);
	return {
		now,
		before,
		z,
		significant: Math.abs(z) > SIGNIFICANT_Z,
		direction: now > before ? 'up' : now < before ? 'down' : 'same'
	};
}
