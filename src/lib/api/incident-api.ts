// The command room's reads and the incident writes, as the browser calls them.
import type { CommandRoom } from '$lib/types/command';
import type { IncidentCategory, IncidentStatus, MediationStatus } from '$lib/types/domain';
import type { LonLat } from '$lib/types/layers';
import type { LiveIncident } from '$lib/types/live';
import { requestJson, type Fetch } from './request.ts';

export function getCommandRoom(fetchFn: Fetch): Promise<CommandRoom> {
	return requestJson(fetchFn, '/api/command');
}

export interface NewIncident {
	category: IncidentCategory;
	priority: 1 | 2 | 3;
	summary: string;
	lon: number;
	lat: number;
}

export function recordIncident(fetchFn: Fetch, incident: NewIncident): Promise<LiveIncident> {
	return requestJson(fetchFn, '/api/incidents', { method: 'POST', body: incident });
}

export function setIncidentStatus(
	fetchFn: Fetch,
	id: number,
	change: { status: IncidentStatus; expected: IncidentStatus; mediation?: MediationStatus }
): Promise<LiveIncident> {
	return requestJson(fetchFn, `/api/incidents/${id}/status`, { method: 'POST', body: change });
}

export interface FoundPlace {
	kind: 'village' | 'household';
	label: string;
	context: string;
	position: LonLat;
}

export function findPlaces(fetchFn: Fetch, query: string): Promise<FoundPlace[]> {
	return requestJson(fetchFn, `/api/places?q=${encodeURIComponent(query)}`);
}
