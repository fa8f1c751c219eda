// The overview map kept current by the live channel: new and changed incidents of the last 30
// days, officers where they were last reported, grids recoloured when their responsible officer
// changes. Changes are taken in as they come and applied to the page's data when it draws.
import { IncidentStore } from '$lib/features/incidents/incident-store';
import { moveOfficers } from '$lib/features/policing/officer-moves';
import type { LonLat, OfficerColumns } from '$lib/types/layers';
import type { ChangeEvent, LiveAssignment } from '$lib/types/live';
import type { OverviewData } from './overview-layers.ts';

const WINDOW_S = 30 * 86_400;

export class OverviewLive {
	private readonly store = new IncidentStore(WINDOW_S + 86_400);
	private readonly moves = new Map<number, LonLat | null>();
	/** every position reported since the map opened: officers loaded later (by view) take them */
	private readonly reported = new Map<number, LonLat | null>();
	private assignments: LiveAssignment[] = [];
	private incidentsChanged = false;

	constructor(data: OverviewData) {
		this.store.load(data.incidents);
	}

	/** Takes changes in; true when any of them shows on this map. */
	take(changes: readonly ChangeEvent[]): boolean {
		let shows = false;
		for (const c of changes) {
			if (c.kind === 'incident') {
				this.store.upsert(c.data);
				this.incidentsChanged = shows = true;
			} else if (c.kind === 'officer') {
				const at = c.data.status === 'active' ? c.data.position : null;
				this.moves.set(c.data.id, at);
				this.reported.set(c.data.id, at);
				shows = true;
			} else if (c.kind === 'assignment' && c.data.role === 'primary') {
				this.assignments.push(c.data);
				shows = true;
			}
		}
		return shows;
	}

	/**
	 * The data with what was taken in. Grid colours change in place (the page bumps its grid
	 * version for deck.gl's updateTriggers): `gridsChanged` says whether it must.
	 */
	apply(
		data: OverviewData,
		now = Date.now() / 1000
	): { data: OverviewData; gridsChanged: boolean; unnamed: number[] } {
		let next = data;
		if (this.incidentsChanged) {
			this.store.trim(now);
			next = { ...next, incidents: this.store.window(now - WINDOW_S, now + 60) };
			this.incidentsChanged = false;
		}
		if (this.moves.size > 0) {
			next = { ...next, officers: moveOfficers(next.officers, this.moves) };
			this.moves.clear();
		}
		let gridsChanged = false;
		const unnamed: number[] = [];
		if (this.assignments.length > 0) {
			// the officers this map holds (a tiled map: those in view) and those already responsible
			const names = new Map(next.officers.id.map((id, i) => [id, next.officers.name[i]]));
			const grids = new Map(next.grids.features.map((f) => [f.properties.id, f.properties]));
			for (const g of grids.values())
				if (g.officer_id !== null && g.officer) names.set(g.officer_id, g.officer);
			for (const a of this.assignments) {
				const grid = grids.get(a.grid_id);
				if (!grid) continue;
				// the page's own assignments arrive here too, already shown: no second recolour
				if (a.active && grid.officer_id !== a.officer_id) {
					grid.officer_id = a.officer_id;
					// never another officer's name: none until the page has read the grid's
					grid.officer = names.get(a.officer_id) ?? null;
					if (grid.officer === null) unnamed.push(grid.id);
					gridsChanged = true;
				} else if (!a.active && grid.officer_id === a.officer_id) {
					grid.officer_id = null;
					grid.officer = null;
					gridsChanged = true;
				}
			}
			this.assignments = [];
		}
		return { data: next, gridsChanged, unnamed };
	}

	/** Officers just loaded, where the live channel has since placed them. */
	placed(officers: OfficerColumns): OfficerColumns {
		return moveOfficers(officers, this.reported);
	}

	/** The name of a grid's new officer, once the page has read it. */
	static named(data: OverviewData, gridId: number, officerId: number, name: string): boolean {
		const grid = data.grids.features.find((f) => f.properties.id === gridId)?.properties;
		if (!grid || grid.officer_id !== officerId) return false;
		grid.officer = name;
		return true;
	}
}
