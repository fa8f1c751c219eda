// What /api/command returns: the headline figures with their previous period, the dispute
// register, the newest incidents and the stations' areas for the auto-tour. A type of the API,
// so the browser's fetch (lib/api) and the command feature share it from here.
import type { IncidentCategory, IncidentStatus, MediationStatus } from './domain.ts';
import type { LiveIncident } from './live.ts';

export interface PeriodCount {
	now: number;
	before: number;
}

/** today since midnight, and the same hours of earlier days added up */
export interface TodayCount {
	now: number;
	/** the same hours of each of the `windows` days before */
	baseline: number;
	/** the same hours of the same weekday in the `weekday_windows` weeks before */
	baseline_weekday: number;
}

export interface CommandKpis {
	at: string;
	/** midnight (China time) of the day `at` falls in */
	since: string;
	windows: number;
	weekday_windows: number;
	today: Partial<Record<IncidentCategory, TodayCount>>;
	open: { now: number };
	/** disputes mediated in the last 28 days; `closed` = disputes closed in them */
	mediated: PeriodCount & { closed: number };
	overdue_disputes: number;
	grids: PeriodCount & { total: number };
	zero_villages: PeriodCount & { total: number };
	/** households visited by the current campaign; null = no campaign running */
	campaign: (PeriodCount & { households: number }) | null;
}

export interface DisputeEntry {
	id: number;
	code: string;
	summary: string;
	status: IncidentStatus;
	mediation_status: MediationStatus | null;
	time: number;
	/** deadline, epoch seconds */
	due: number;
	owner: string | null;
	village: string | null;
	overdue: boolean;
	position: [number, number];
}

export interface StationArea {
	id: number;
	name: string;
	bbox: [number, number, number, number];
}

export interface CommandRoom {
	kpis: CommandKpis;
	disputes: DisputeEntry[];
	recent: LiveIncident[];
	stations: StationArea[];
}
