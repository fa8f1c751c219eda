// Every database function the app calls, with its arguments as SQL declares them: the one place
// RPC names and argument types live. `call` and `callJson` accept only these names and argument
// shapes; tests/db/rpc-contract.test.ts checks each entry against the live database's
// pg_proc, so a renamed or retyped SQL argument fails a test instead of a request.
// (Hand-written: `supabase gen types` needs Docker, and this is short.)
import type { CampaignChoice } from '../../types/campaign-choice.ts';
import type { CommandRoom } from '../../types/command.ts';
import type { ChangeEvent, ChangesSince } from '../../types/live.ts';
import type { GridDraftCommitted, GridDraftPreview } from '../../types/grid-drafts.ts';
import type { GridFacts, MapSummary, VillageFacts } from '../../types/layers.ts';

/** How each SQL argument type arrives from JavaScript. */
interface SqlTypes {
	bigint: number;
	'bigint[]': number[];
	integer: number;
	'double precision': number;
	'double precision[]': number[];
	text: string;
	'text[]': string[];
	uuid: string;
	boolean: boolean;
	date: string;
	'timestamp with time zone': string;
}
export type SqlType = keyof SqlTypes;
/** `type?` marks an argument with a SQL default: it may be left out (or sent as null). */
type ArgSpec = SqlType | `${SqlType}?`;

export const RPC_FUNCTIONS = {
	account_for_sign_in: { login: 'text' },
	assign_officer: { grid_id: 'bigint', officer_id: 'bigint', role: 'text?', expected_officer_id: 'bigint?' },
	assign_officers: { grid_ids: 'bigint[]', officer_ids: 'bigint[]' },
	campaign_choice: {},
	campaign_block_households: { campaign_id: 'bigint', block_ids: 'bigint[]' },
	campaign_grids: { campaign_id: 'bigint' },
	campaign_impact: { campaign_id: 'bigint', weeks: 'integer?', min_count: 'integer?' },
	campaign_incidents: { campaign_id: 'bigint' },
	campaign_progress: { campaign_id: 'bigint' },
	campaign_replay: { campaign_id: 'bigint' },
	campaign_visited_share: { campaign_id: 'bigint' },
	changes_by_ids: { ids: 'bigint[]' },
	changes_since: { since: 'timestamp with time zone', max_changes: 'integer?' },
	command_room: {},
	coverage_input: { county_ids: 'bigint[]?' },
	choose_campaign: { campaign_id: 'bigint?' },
	create_account: {
		email: 'text',
		display_name: 'text',
		app_role: 'text',
		station_id: 'bigint?',
		county_id: 'bigint?',
		officer_id: 'bigint?',
		password_hash: 'text?'
	},
	create_campaign: { plan: 'text' },
	delete_campaign: { campaign_id: 'bigint' },
	demo_accounts: {},
	password_rehash: { account_id: 'uuid', old_hash: 'text', new_hash: 'text' },
	export_layer: { kind: 'text', ids: 'bigint[]?', village_id: 'bigint?', grid_id: 'bigint?' },
	find_places: { query: 'text' },
	grid_facts: { grid_id: 'bigint' },
	import_begin: { kind: 'text', file_name: 'text?' },
	import_commit: { batch: 'uuid' },
	import_reference: { kind: 'text', bbox: 'double precision[]?' },
	import_stage_rows: { batch: 'uuid', rows: 'text', start: 'integer' },
	knock_lists_open: {},
	list_accounts: {},
	list_campaigns: {},
	map_layer: { name: 'text', bbox: 'double precision[]?' },
	map_tile: { layer: 'text', z: 'integer', x: 'integer', y: 'integer' },
	map_summary: {},
	my_settings: {},
	officer_workload: {},
	record_incident: {
		category: 'text',
		priority: 'integer',
		summary: 'text',
		lon: 'double precision',
		lat: 'double precision',
		occurred_at: 'timestamp with time zone?'
	},
	record_knock: { list_id: 'bigint', household_id: 'bigint', outcome: 'text?' },
	record_visits: { campaign_id: 'bigint', visits: 'text', all_or_nothing: 'boolean?' },
	report_positions: { officer_ids: 'bigint[]', lons: 'double precision[]', lats: 'double precision[]' },
	reset_basemap: {},
	save_basemap: { kind: 'text', url: 'text?' },
	session_account: { session_id: 'uuid' },
	session_end: { session_id: 'uuid' },
	session_start: { account_id: 'uuid', hours: 'integer' },
	sign_in_failed: { keys: 'text[]' },
	sign_in_succeeded: { key: 'text' },
	sign_in_wait: { keys: 'text[]' },
	set_incident_status: {
		incident_id: 'bigint',
		status: 'text',
		expected_status: 'text',
		mediation_status: 'text?'
	},
	spawn_knock_list: { incident_id: 'bigint', n: 'integer?', due_on: 'date?', same_building: 'boolean?' },
	split_grid: { grid_id: 'bigint', line: 'text', expected_version: 'bigint', new_name: 'text?' },
	grid_states: {},
	grid_version: { grid_id: 'bigint' },
	layer_grids_at: { at: 'timestamp with time zone' },
	preview_grid_edits: { edits: 'text' },
	commit_grid_edits: { edits: 'text', versions: 'text' },
	tile_features: { layer: 'text' },
	tile_version: { layer: 'text' },
	unassign_officer: { grid_id: 'bigint', officer_id: 'bigint', role: 'text?' },
	unassigned_grids: {},
	update_account: { account_id: 'uuid', disabled: 'boolean?', password_hash: 'text?' },
	village_facts: { village_id: 'bigint' }
} as const satisfies Record<string, Record<string, ArgSpec>>;

export type RpcName = keyof typeof RPC_FUNCTIONS;

type Spec<F extends RpcName> = (typeof RPC_FUNCTIONS)[F];
type ValueOf<S> = S extends `${infer T extends SqlType}?`
	? SqlTypes[T] | null
	: S extends SqlType
		? SqlTypes[S]
		: never;
type RequiredArgs<A> = { -readonly [K in keyof A as A[K] extends `${string}?` ? never : K]: ValueOf<A[K]> };
type OptionalArgs<A> = { -readonly [K in keyof A as A[K] extends `${string}?` ? K : never]?: ValueOf<A[K]> };

/** The named arguments of function F, as the caller passes them. */
export type RpcArgs<F extends RpcName> = RequiredArgs<Spec<F>> & OptionalArgs<Spec<F>>;

/** What a function answers (its JSON, parsed) where the app has a type for it; else unknown. */
interface KnownResults {
	campaign_choice: CampaignChoice;
	choose_campaign: CampaignChoice;
	changes_by_ids: ChangeEvent[];
	changes_since: ChangesSince;
	command_room: CommandRoom;
	commit_grid_edits: GridDraftCommitted;
	preview_grid_edits: GridDraftPreview;
	grid_facts: GridFacts | null;
	map_summary: MapSummary;
	my_settings: { basemap: { kind: string; url: string | null } | null };
	village_facts: VillageFacts | null;
}
export type RpcResult<F extends RpcName> = F extends keyof KnownResults ? KnownResults[F] : unknown;
