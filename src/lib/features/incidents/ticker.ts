// The ticker's list: the newest incidents first, each once, at most `limit` of them.
import type { LiveIncident } from '$lib/types/live';

export function pushToTicker(
	list: readonly LiveIncident[],
	incoming: readonly LiveIncident[],
	limit: number
): LiveIncident[] {
	const byId = new Map<number, LiveIncident>();
	for (const i of list) byId.set(i.id, i);
	for (const i of incoming) byId.set(i.id, i);
	return [...byId.values()].sort((a, b) => b.time - a.time || b.id - a.id).slice(0, limit);
}
