// What /api/command returns: the headline figures with their previous period, the dispute
// register, the newest incidents and the stations' areas for the auto-tour. A type of the API,
// so the browser's fetch (lib/api) and the command feature share it from here.
import type { IncidentCategory, IncidentStatus, MediationStatus } from './domain.ts';
import type { LiveIncident } from './live.ts';

export interface PeriodCount {
	now: number;
	before: number;
}

export interface CommandKpis {
	at: string;
	/** today's incidents per category; `before` = the average day of the 28 days before */
	today: Partial<Record<IncidentCategory, PeriodCount>>;
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
