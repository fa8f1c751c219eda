// What the live channel carries: one ChangeEvent type whichever transport brought it (the
// server's Server-Sent Events relay, or Supabase Realtime). `id` orders events and removes
// duplicates; `at` is the database's clock, used to catch up after a reconnect.
import type { LonLat } from './layers.ts';
import type {
	AssignmentRole,
	IncidentCategory,
	IncidentStatus,
	MediationStatus,
	OfficerKind,
	VisitOutcome
} from './domain.ts';

/** An incident as the live map draws it (also what intake and status changes return). */
export interface LiveIncident {
	id: number;
	code: string;
	category: IncidentCategory;
	status: IncidentStatus;
	priority: 1 | 2 | 3;
	summary: string;
	/** epoch seconds */
	time: number;
	position: LonLat;
	grid_id: number;
	village_id: number;
	station_id: number;
	mediation_status: MediationStatus | null;
}

export interface LiveOfficer {
	id: number;
	name: string;
	kind: OfficerKind;
	station_id: number;
	status: 'active' | 'retired';
	position: LonLat | null;
	at: string;
}

export interface LiveAssignment {
	grid_id: number;
	officer_id: number;
	role: AssignmentRole;
	active: boolean;
}

export interface LiveVisit {
	campaign_id: number;
	grid_id: number;
	household_id: number;
	block_id: number;
	outcome: VisitOutcome;
}

interface ChangeBase {
	id: number;
	/** ISO timestamp from the database clock */
	at: string;
	op: 'insert' | 'update';
	entity_id: number;
}

export type ChangeEvent =
	| (ChangeBase & { kind: 'incident'; data: LiveIncident })
	| (ChangeBase & { kind: 'officer'; data: LiveOfficer })
	| (ChangeBase & { kind: 'assignment'; data: LiveAssignment })
	| (ChangeBase & { kind: 'visit'; data: LiveVisit })
	/** a village's grids were re-drawn (split, merged, imported …): its grids are reloaded */
	| (ChangeBase & { kind: 'grid_plan'; data: { village_id: number } });

export type ChangeKind = ChangeEvent['kind'];

/** changes_since(ts): the catch-up after a reconnect. */
export interface ChangesSince {
	changes: ChangeEvent[];
	/** more changes than the cap: the client reloads instead of replaying */
	truncated: boolean;
	/** the database clock when the answer was made */
	now: string;
}

/** The connection as the user sees it. */
export type LiveState = 'connecting' | 'live' | 'reconnecting';

/** Server-Sent Event names on /api/live. */
export const LIVE_EVENTS = { changes: 'changes', ready: 'ready', reload: 'reload' } as const;
