// The request bodies the API accepts, one valibot schema each. Every message is a message key
// the UI translates (see body.ts); where the database checks a field itself, the schema checks
// only its type, so the database's own key stays the answer for a broken rule.
import * as v from 'valibot';
import { IMPORT_KINDS } from '../import/kinds.ts';
import { GRID_EDIT_OPS, MAX_GRID_EDITS } from '../types/grid-drafts.ts';
import { basemapProblem } from '../map/basemap-setting.ts';
import {
	APP_ROLES,
	ASSIGNMENT_ROLES,
	CAMPAIGN_TOPICS,
	INCIDENT_CATEGORIES,
	INCIDENT_STATUSES,
	MEDIATION_STATUSES,
	VISIT_OUTCOMES,
	VISITOR_KINDS
} from '../types/domain.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './auth/password.ts';
import { body, day, finite, id, optionalId } from './body.ts';

export const NewAccount = body({
	email: v.pipe(
		v.string('invalid_email'),
		v.trim(),
		v.toLowerCase(),
		v.maxLength(254, 'invalid_email'),
		v.regex(/^[^\s@]+@[^\s@]+$/, 'invalid_email')
	),
	display_name: v.pipe(v.string('display_name_missing'), v.trim(), v.nonEmpty('display_name_missing')),
	app_role: v.picklist(APP_ROLES, 'invalid_role'),
	password: v.pipe(
		v.string('password_too_short'),
		v.minLength(MIN_PASSWORD_LENGTH, 'password_too_short'),
		v.maxLength(MAX_PASSWORD_LENGTH, 'password_too_long')
	),
	station_id: optionalId(),
	county_id: optionalId(),
	officer_id: optionalId()
});

export const AccountChange = body({
	disabled: v.optional(v.nullable(v.boolean('invalid_body')), null),
	password: v.optional(
		v.pipe(
			v.string('password_too_short'),
			v.minLength(MIN_PASSWORD_LENGTH, 'password_too_short'),
			v.maxLength(MAX_PASSWORD_LENGTH, 'password_too_long')
		)
	)
});

const ids = (key: string) => v.optional(v.array(id(key), key));

/** A GeoJSON polygon's shape; the database checks its geometry (campaign_block_invalid). */
const polygon = (key: string) => v.optional(v.looseObject({ type: v.string(key) }, key));

/** The campaign to follow; null (or none) goes back to the default. */
export const CampaignChoiceBody = body({ campaign_id: v.nullish(id('campaign_not_running')) });

// The types the database casts; its own checks (names, scope, area, blocks) stay the last word.
/** A plan with drawn blocks and a drawn scope. */
export const CAMPAIGN_PLAN_BODY_LIMIT = 2 * 1024 * 1024;
export const CampaignPlan = body({
	name: v.string('campaign_name_missing'),
	starts_on: day('campaign_period_missing'),
	ends_on: day('campaign_period_missing'),
	topics: v.optional(v.array(v.picklist(CAMPAIGN_TOPICS, 'invalid_body'))),
	target_share: v.optional(
		v.pipe(
			v.number('campaign_target_share_invalid'),
			v.gtValue(0, 'campaign_target_share_invalid'),
			v.maxValue(1, 'campaign_target_share_invalid')
		)
	),
	scope: v.object(
		{
			county_ids: ids('campaign_scope_invalid'),
			township_ids: ids('campaign_scope_invalid'),
			village_ids: ids('campaign_scope_invalid'),
			grid_ids: ids('campaign_scope_invalid'),
			polygon: polygon('campaign_scope_invalid')
		},
		'campaign_scope_invalid'
	),
	// an emptied number field sends null: the database takes one block
	block_count: v.nullish(
		v.pipe(v.number('campaign_block_count_invalid'), v.safeInteger('campaign_block_count_invalid'))
	),
	blocks: v.optional(
		v.array(
			v.object(
				{
					name: v.optional(v.string('campaign_block_invalid')),
					grid_ids: ids('campaign_block_invalid'),
					polygon: polygon('campaign_block_invalid')
				},
				'campaign_block_invalid'
			),
			'campaign_block_invalid'
		)
	),
	teams: v.optional(
		v.array(
			body({
				name: v.string('invalid_body'),
				members: v.optional(
					v.array(
						body({
							name: v.string('invalid_body'),
							kind: v.picklist(VISITOR_KINDS, 'invalid_body'),
							officer_id: v.optional(v.nullable(id()))
						})
					)
				),
				blocks: v.optional(v.array(v.string('campaign_team_block_unknown')))
			})
		)
	)
});

/** A phone's queue is flushed in pieces; an import file larger than this is split by the client. */
const MAX_VISITS = 5000;
/** A full batch of visits, about 1 KB each as the phone sends them. */
export const VISITS_BODY_LIMIT = MAX_VISITS * 1024 + 64 * 1024;

const flag = v.optional(v.nullable(v.boolean('invalid_visits')));

// Each row's fields are checked by the database, which answers row by row; only what it casts
// without a check (the flags) must be the right type here.
export const Visits = body({
	visits: v.pipe(
		v.array(
			v.looseObject(
				{ fraud_risk_found: flag, dispute_found: flag, fire_hazard_found: flag },
				'invalid_visits'
			),
			'invalid_visits'
		),
		v.maxLength(MAX_VISITS, 'invalid_visits')
	),
	all_or_nothing: v.optional(v.boolean('invalid_body'), false)
});

export const NewKnockList = body({
	incident_id: id(),
	n: v.optional(id('knock_list_size_invalid'), 10),
	due_on: day('knock_list_due_invalid'),
	same_building: v.optional(v.boolean('invalid_body'), true)
});

export const Knock = body({
	household_id: id('household_not_found'),
	outcome: v.optional(v.picklist(VISIT_OUTCOMES, 'visit_outcome_invalid'), 'visited')
});

const role = v.optional(v.picklist(ASSIGNMENT_ROLES, 'invalid_assignment_role'), 'primary');

export const Assign = body({
	officer_id: id('invalid_officer'),
	expected_officer_id: v.optional(v.nullable(id('invalid_officer')), null),
	role
});

export const Unassign = body({ officer_id: id('invalid_officer'), role });

export const NewBatch = body({
	kind: v.picklist(IMPORT_KINDS, 'invalid_kind'),
	// a name for the audit log only: too long is cut, not refused
	file_name: v.optional(
		v.pipe(
			v.string('invalid_body'),
			v.transform((s) => s.slice(0, 200))
		),
		''
	)
});

/** The rows themselves are checked one by one below, with the preview's rules. */
export const Chunk = v.array(v.unknown(), 'import_invalid_body');

export const NewIncident = body({
	category: v.picklist(INCIDENT_CATEGORIES, 'incident_category_required'),
	priority: v.picklist([1, 2, 3], 'incident_priority_required'),
	lon: finite('incident_location_required'),
	lat: finite('incident_location_required'),
	summary: v.optional(
		v.pipe(
			v.string('invalid_body'),
			v.transform((s) => s.trim().slice(0, 500))
		),
		''
	)
});

export const StatusChange = body({
	status: v.picklist(INCIDENT_STATUSES, 'invalid_incident_status'),
	expected: v.picklist(INCIDENT_STATUSES, 'invalid_incident_status'),
	mediation: v.nullish(v.picklist(MEDIATION_STATUSES, 'dispute_outcome_required'), null)
});

const MAX_POSITIONS = 5000;

const column = <T extends v.GenericSchema>(item: T) =>
	v.pipe(v.array(item, 'invalid_positions'), v.maxLength(MAX_POSITIONS, 'invalid_positions'));

export const Positions = v.pipe(
	body({
		ids: column(id('invalid_positions')),
		lons: column(finite('invalid_positions')),
		lats: column(finite('invalid_positions'))
	}),
	v.check((p) => p.lons.length === p.ids.length && p.lats.length === p.ids.length, 'invalid_positions')
);

export const Choice = v.pipe(
	body({
		kind: v.string('basemap_kind_invalid'),
		url: v.optional(
			v.nullable(
				v.pipe(
					v.string('basemap_url_invalid'),
					v.transform((s) => s.trim())
				)
			),
			null
		)
	}),
	// the form's own rules, shared with the browser, name the problem
	v.rawCheck(({ dataset, addIssue }) => {
		const problem = dataset.typed ? basemapProblem(dataset.value.kind, dataset.value.url) : null;
		if (problem) addIssue({ message: problem });
	})
);

export const Pairs = body({
	pairs: v.pipe(
		v.array(
			v.object(
				{ grid_id: id('invalid_suggestions'), officer_id: id('invalid_suggestions') },
				'invalid_suggestions'
			),
			'invalid_suggestions'
		),
		v.nonEmpty('invalid_suggestions'),
		// one officer per grid in one go
		v.check((pairs) => new Set(pairs.map((p) => p.grid_id)).size === pairs.length, 'invalid_suggestions')
	)
});

export const SignIn = v.object(
	{
		email: v.pipe(v.string('sign_in_missing'), v.maxLength(254, 'invalid_credentials')),
		password: v.pipe(v.string('sign_in_missing'), v.maxLength(MAX_PASSWORD_LENGTH, 'password_too_long'))
	},
	'sign_in_missing'
);

/** A grid split: the line as GeoJSON (the database checks it: grid_split_line_invalid), the
 *  grid version the caller saw, and a name for the new part. */
// The edits are checked in SQL, one by one (the database's keys answer a broken edit); here
// only their shape and number.
const gridEdits = v.pipe(
	v.array(v.looseObject({ op: v.picklist(GRID_EDIT_OPS, 'grid_edits_invalid') }), 'grid_edits_invalid'),
	v.minLength(1, 'grid_edits_invalid'),
	v.maxLength(MAX_GRID_EDITS, 'grid_edits_invalid')
);
/** A village's worth of drawn and re-gridded outlines. */
export const GRID_DRAFT_BODY_LIMIT = 4 * 1024 * 1024;
export const GridDraft = body({ edits: gridEdits });
export const GridDraftCommit = body({
	edits: gridEdits,
	versions: v.record(v.pipe(v.string(), v.regex(/^\d+$/)), v.number('grid_conflict'), 'grid_conflict')
});

export const SplitGrid = body({
	line: v.looseObject({ type: v.string('grid_split_line_invalid') }, 'grid_split_line_invalid'),
	expected_version: id('grid_conflict'),
	name: v.optional(v.nullable(v.pipe(v.string('invalid_body'), v.maxLength(60, 'invalid_body'))), null)
});
