// Reconnect delays: doubling from 1 s to 30 s, with jitter so a wall of screens that lost the
// server together does not come back in one wave.
const FIRST_MS = 1000;
const LAST_MS = 30_000;

export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
	const base = Math.min(LAST_MS, FIRST_MS * 2 ** Math.max(0, attempt));
	return Math.round(base * (0.5 + random() * 0.5));
}
