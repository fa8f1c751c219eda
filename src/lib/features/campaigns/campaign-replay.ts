// A campaign day by day: the door states of its households as the database gives their changes
// (campaign_replay), stepped to any day. Moving forward applies that stretch's changes only;
// moving back starts again from the first day (a county's campaign is a few tens of thousands of
// changes, well under a frame). The colours are kept as one RGBA buffer for deck.gl, and the
// doors visited per grid for the overview (tens of thousands of doors are too many to draw
// each day on a PC without a graphics card).
import type { HouseholdState } from './campaign-types.ts';

export interface ReplayColumns {
	campaign_id: number;
	/** the campaign's first day and the last day replayed (today, or its last day), China dates */
	starts_on: string;
	last_day: string;
	household: { id: number[]; lon: number[]; lat: number[]; grid: number[] };
	/** the changes in day order: day counts from starts_on (0 = its first day) */
	change: { household: number[]; day: number[]; state: HouseholdState[] };
}

export const REPLAY_STATES: HouseholdState[] = ['none', 'visited', 'nobody_home', 'refused'];
const VISITED = REPLAY_STATES.indexOf('visited');

type Rgba = readonly [number, number, number, number];

export class Replay {
	/** days from starts_on to last_day, inclusive */
	readonly days: number;
	readonly size: number;
	/** lon, lat per household */
	readonly positions: Float64Array;
	/** RGBA per household, for the day last stepped to */
	readonly colours: Uint8Array;
	/** the households in each state on that day, by REPLAY_STATES index */
	readonly counts: number[];
	/** the grids of the households, and per grid its households and those visited by that day */
	readonly gridIds: number[];
	readonly gridDoors: Uint32Array;
	readonly gridVisited: Uint32Array;
	#gridOf: Uint32Array;
	#state: Uint8Array;
	#changeHousehold: Uint32Array;
	#changeState: Uint8Array;
	/** the first change of each day, and one past the last day's */
	#dayStart: Uint32Array;
	#day = -1;

	constructor(
		readonly columns: ReplayColumns,
		private readonly palette: Record<HouseholdState, Rgba>
	) {
		const { household, change } = columns;
		this.size = household.id.length;
		this.days = Math.max(1, daysBetween(columns.starts_on, columns.last_day) + 1);
		this.positions = new Float64Array(this.size * 2);
		household.lon.forEach((lon, i) => {
			this.positions[2 * i] = lon;
			this.positions[2 * i + 1] = household.lat[i];
		});
		const index = new Map(household.id.map((id, i) => [id, i]));
		const gridIndex = new Map<number, number>();
		this.#gridOf = new Uint32Array(this.size);
		household.grid.forEach((g, i) => {
			if (!gridIndex.has(g)) gridIndex.set(g, gridIndex.size);
			this.#gridOf[i] = gridIndex.get(g)!;
		});
		this.gridIds = [...gridIndex.keys()];
		this.gridDoors = new Uint32Array(this.gridIds.length);
		this.gridVisited = new Uint32Array(this.gridIds.length);
		for (let i = 0; i < this.size; i++) this.gridDoors[this.#gridOf[i]]++;
		const n = change.household.length;
		this.#changeHousehold = new Uint32Array(n);
		this.#changeState = new Uint8Array(n);
		this.#dayStart = new Uint32Array(this.days + 1);
		for (let k = 0; k < n; k++) {
			const i = index.get(change.household[k]);
			if (i === undefined) throw new Error(`replay: change for unknown household ${change.household[k]}`);
			if (k > 0 && change.day[k] < change.day[k - 1]) throw new Error('replay: changes out of day order');
			this.#changeHousehold[k] = i;
			this.#changeState[k] = REPLAY_STATES.indexOf(change.state[k]);
		}
		// dayStart[d] = the number of changes before day d
		let k = 0;
		for (let d = 0; d <= this.days; d++) {
			while (k < n && change.day[k] < d) k++;
			this.#dayStart[d] = k;
		}
		this.#state = new Uint8Array(this.size);
		this.colours = new Uint8Array(this.size * 4);
		this.counts = REPLAY_STATES.map(() => 0);
		this.#reset();
	}

	/** The day last stepped to, 0 … days − 1. */
	get day(): number {
		return this.#day;
	}

	/** The China date of a day of the replay. */
	dateOf(day: number): string {
		const d = new Date(`${this.columns.starts_on}T00:00:00Z`);
		d.setUTCDate(d.getUTCDate() + day);
		return d.toISOString().slice(0, 10);
	}

	/** The households' states at the end of `day` (clamped to the replay's days). */
	seek(day: number): void {
		const target = Math.max(0, Math.min(this.days - 1, Math.floor(day)));
		if (target < this.#day) this.#reset();
		for (let k = this.#dayStart[this.#day + 1]; k < this.#dayStart[target + 1]; k++) {
			this.#set(this.#changeHousehold[k], this.#changeState[k]);
		}
		this.#day = target;
	}

	/** The state of household index i on the day last stepped to. */
	stateOf(i: number): HouseholdState {
		return REPLAY_STATES[this.#state[i]];
	}

	#reset(): void {
		this.#state.fill(0);
		this.counts.fill(0);
		this.counts[0] = this.size;
		this.gridVisited.fill(0);
		const [r, g, b, a] = this.palette.none;
		for (let i = 0; i < this.size; i++) this.colours.set([r, g, b, a], 4 * i);
		this.#day = -1;
	}

	#set(i: number, s: number): void {
		const was = this.#state[i];
		if (was === VISITED) this.gridVisited[this.#gridOf[i]]--;
		if (s === VISITED) this.gridVisited[this.#gridOf[i]]++;
		this.counts[was]--;
		this.counts[s]++;
		this.#state[i] = s;
		this.colours.set(this.palette[REPLAY_STATES[s]], 4 * i);
	}
}

function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
