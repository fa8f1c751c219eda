// Typed fetches for the campaign pages.
import { requestJson, type Fetch } from '$lib/api/request';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type {
	BlockHouseholds,
	CampaignIncident,
	KnockList,
	CampaignListItem,
	CampaignPlan,
	CampaignProgress,
	VisitedShareColumns,
	RecordResult,
	VisitInput
} from './campaign-types.ts';
import type { VisitOutcome } from '$lib/types/domain';
import type { CampaignImpact } from './campaign-impact.ts';
import type { ReplayColumns } from './campaign-replay.ts';
import type { ImportVisit } from './visit-csv.ts';

export type CampaignGrids = FeatureCollection<
	Polygon | MultiPolygon,
	{ id: number; name: string; block_id: number; village_id: number; station_id: number | null }
>;

export const listCampaigns = (f: Fetch) => requestJson<CampaignListItem[]>(f, '/api/campaigns');
export const createCampaign = (f: Fetch, plan: CampaignPlan) =>
	requestJson<{ id: number; blocks: number; grids: number }>(f, '/api/campaigns', {
		method: 'POST',
		body: plan
	});
export const getProgress = (f: Fetch, id: number) => requestJson<CampaignProgress>(f, `/api/campaigns/${id}`);
export const getCampaignGrids = (f: Fetch, id: number) =>
	requestJson<CampaignGrids>(f, `/api/campaigns/${id}/grids`);
export const getImpact = (f: Fetch, id: number) =>
	requestJson<CampaignImpact>(f, `/api/campaigns/${id}/impact`);
export const getReplay = (f: Fetch, id: number) =>
	requestJson<ReplayColumns>(f, `/api/campaigns/${id}/replay`);
export const getVisitedShare = (f: Fetch, id: number) =>
	requestJson<VisitedShareColumns>(f, `/api/campaigns/${id}/visited-share`);
export const getBlockHouseholds = (f: Fetch, id: number, blocks: number[]) =>
	requestJson<BlockHouseholds>(f, `/api/campaigns/${id}/households?blocks=${blocks.join(',')}`);
export const postVisits = (
	f: Fetch,
	id: number,
	visits: readonly (VisitInput | ImportVisit)[],
	allOrNothing = false
) =>
	requestJson<RecordResult>(f, `/api/campaigns/${id}/visits`, {
		method: 'POST',
		body: { visits, all_or_nothing: allOrNothing }
	});
export const getCampaignIncidents = (f: Fetch, id: number) =>
	requestJson<CampaignIncident[]>(f, `/api/campaigns/${id}/incidents`);
export const getKnockLists = (f: Fetch) => requestJson<KnockList[]>(f, '/api/campaigns/knock-lists');
export const spawnKnockList = (f: Fetch, incidentId: number, dueOn: string, n = 10) =>
	requestJson<{ id: number; households: number; officer_id: number | null }>(
		f,
		'/api/campaigns/knock-lists',
		{
			method: 'POST',
			body: { incident_id: incidentId, due_on: dueOn, n, same_building: true }
		}
	);
export const recordKnock = (f: Fetch, listId: number, householdId: number, outcome: VisitOutcome) =>
	requestJson<unknown>(f, `/api/campaigns/knock-lists/${listId}`, {
		method: 'POST',
		body: { household_id: householdId, outcome }
	});
