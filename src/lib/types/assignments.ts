// One suggested assignment as /api/suggestions answers it: made by features/assignments/suggest.ts
// on the server, read by the browser's fetch (lib/api) and the review list.

export interface Suggestion {
	grid_id: number;
	grid: string;
	village: string;
	households: number;
	officer_id: number;
	officer: string;
	distance_km: number;
	/** the officer's households after this and every earlier suggestion */
	load_after: number;
	/** no officer had room: the least-loaded one is proposed and the head should look */
	over_limit: boolean;
}
