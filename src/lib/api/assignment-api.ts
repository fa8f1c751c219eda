// The station head's writes: assign, replace and unassign a grid's officers, and suggestions.
import type { Suggestion } from '$lib/types/assignments';
import type { AssignmentRole, OfficerKind } from '$lib/types/domain';
import { requestJson, type Fetch } from './request.ts';

export interface OfficerLoad {
	id: number;
	name: string;
	kind: OfficerKind;
	station_id: number;
	post: string | null;
	position: [number, number] | null;
	grids: number;
	helper_grids: number;
	households: number;
	open_incidents: number;
}

export const getWorkload = (f: Fetch) => requestJson<OfficerLoad[]>(f, '/api/officers/workload');

export const assignOfficer = (
	f: Fetch,
	gridId: number,
	body: { officer_id: number; role: AssignmentRole; expected_officer_id: number | null }
) => requestJson<{ changed: boolean }>(f, `/api/grids/${gridId}/assignment`, { method: 'POST', body });

export const unassignOfficer = (
	f: Fetch,
	gridId: number,
	body: { officer_id: number; role: AssignmentRole }
) => requestJson<{ changed: boolean }>(f, `/api/grids/${gridId}/assignment`, { method: 'DELETE', body });

export const getSuggestions = (f: Fetch, limit?: number) =>
	requestJson<{ limit: number; suggestions: Suggestion[] }>(
		f,
		`/api/suggestions${limit ? `?limit=${encodeURIComponent(limit)}` : ''}`
	);

export const acceptSuggestions = (f: Fetch, pairs: { grid_id: number; officer_id: number }[]) =>
	requestJson<{ assigned: number }>(f, '/api/suggestions', { method: 'POST', body: { pairs } });
