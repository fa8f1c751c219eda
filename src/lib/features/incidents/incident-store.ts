// The incidents a live map holds: loaded once as columns, then kept current by live changes
// (insert or update in place by id) and trimmed to a retention window, so a wall screen that
// runs for days holds a bounded set. `version` changes whenever the content does, for
// deck.gl's updateTriggers and for cached window views.
import type { IncidentColumns } from '$lib/types/layers';
import type { LiveIncident } from '$lib/types/live';

export class IncidentStore {
	private cols: IncidentColumns = { id: [], category: [], status: [], time: [], position: [] };
	private readonly index = new Map<number, number>();
	version = 0;

	constructor(
		/** seconds of history kept */
		private readonly retention: number
	) {}

	load(columns: IncidentColumns): void {
		this.cols = { id: [], category: [], status: [], time: [], position: [] };
		this.index.clear();
		for (let i = 0; i < columns.id.length; i++) {
			this.put(columns.id[i], columns.category[i], columns.status[i], columns.time[i], columns.position[i]);
		}
		this.version++;
	}

	/** Applies a live incident; returns true when it is new to this map. */
	upsert(incident: LiveIncident): boolean {
		const at = this.index.get(incident.id);
		if (at !== undefined) {
			this.cols.category[at] = incident.category;
			this.cols.status[at] = incident.status;
			this.cols.time[at] = incident.time;
			this.cols.position[at] = incident.position;
			this.version++;
			return false;
		}
		this.put(incident.id, incident.category, incident.status, incident.time, incident.position);
		this.version++;
		return true;
	}

	private put(
		id: number,
		category: IncidentColumns['category'][number],
		status: IncidentColumns['status'][number],
		time: number,
		position: IncidentColumns['position'][number]
	): void {
		this.index.set(id, this.cols.id.length);
		this.cols.id.push(id);
		this.cols.category.push(category);
		this.cols.status.push(status);
		this.cols.time.push(time);
		this.cols.position.push(position);
	}

	/** Drops incidents older than the retention window (relative to `now`, epoch seconds). */
	trim(now: number): number {
		const floor = now - this.retention;
		const keep: number[] = [];
		for (let i = 0; i < this.cols.id.length; i++) if (this.cols.time[i] >= floor) keep.push(i);
		const dropped = this.cols.id.length - keep.length;
		if (dropped === 0) return 0;
		this.load(this.select(keep));
		return dropped;
	}

	/** The incidents with from ≤ time < to (epoch seconds), as columns for a layer. */
	window(from: number, to: number): IncidentColumns {
		const picked: number[] = [];
		for (let i = 0; i < this.cols.id.length; i++) {
			const t = this.cols.time[i];
			if (t >= from && t < to) picked.push(i);
		}
		return this.select(picked);
	}

	private select(rows: number[]): IncidentColumns {
		const c = this.cols;
		return {
			id: rows.map((i) => c.id[i]),
			category: rows.map((i) => c.category[i]),
			status: rows.map((i) => c.status[i]),
			time: rows.map((i) => c.time[i]),
			position: rows.map((i) => c.position[i])
		};
	}

	get size(): number {
		return this.cols.id.length;
	}
}
