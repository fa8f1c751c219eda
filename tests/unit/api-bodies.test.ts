// Request bodies: what the browser sends is accepted, anything malformed is a 400 with a message
// key the UI translates (never a 500 or PostgreSQL's text), and every key an endpoint or a
// schema can answer with has a Chinese and an English message.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isHttpError } from '@sveltejs/kit';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/lib/i18n/messages/en.ts';
import { zhCN } from '../../src/lib/i18n/messages/zh-CN.ts';
import { parsed } from '../../src/lib/server/body.ts';
import * as schemas from '../../src/lib/server/request-schemas.ts';

const translated = (key: string) => `error.${key}` in zhCN && `error.${key}` in en;

/** The key a body is refused with, or null when it passes. */
function refusal(schema: v.GenericSchema, value: unknown): string | null {
	try {
		parsed(schema, value);
		return null;
	} catch (e) {
		if (!isHttpError(e)) throw e;
		expect(e.status).toBe(400);
		return e.body.message;
	}
}

/** Every message a schema can give: the schema walked through its pipes, entries and items. */
function messages(node: unknown, found = new Set<string>()): Set<string> {
	if (!node || typeof node !== 'object') return found;
	const s = node as Record<string, unknown>;
	if (s.kind === 'schema' || s.kind === 'validation') {
		if (typeof s.message === 'string') found.add(s.message);
	}
	for (const child of [s.pipe, s.wrapped, s.item, s.options, s.entries && Object.values(s.entries)]) {
		if (Array.isArray(child)) child.forEach((c) => messages(c, found));
		else messages(child, found);
	}
	return found;
}

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []
	);
}

describe('message keys', () => {
	it('translates every key a schema refuses with', () => {
		const keys = new Set<string>();
		for (const schema of Object.values(schemas)) messages(schema, keys);
		expect(keys.size).toBeGreaterThan(20);
		expect([...keys].filter((k) => !translated(k))).toEqual([]);
	});

	it('translates every key an endpoint answers with', () => {
		const keys = new Set<string>();
		for (const file of [...files('src/routes/api'), ...files('src/lib/server')]) {
			for (const m of readFileSync(file, 'utf8').matchAll(/error\(4\d\d, '([a-z_]+)'\)/g)) keys.add(m[1]);
		}
		expect(keys.size).toBeGreaterThan(10);
		expect([...keys].filter((k) => !translated(k))).toEqual([]);
	});
});

describe('accepted bodies', () => {
	it('takes what the pages send', () => {
		expect(
			refusal(schemas.CampaignPlan, {
				name: '五月敲门',
				starts_on: '2026-05-01',
				ends_on: '2026-05-31',
				topics: ['anti_fraud'],
				target_share: 0.9,
				scope: { village_ids: [3, 4], polygon: { type: 'Polygon', coordinates: [] } },
				blocks: [{ name: 'A', grid_ids: [1] }],
				teams: [{ name: '一组', members: [{ name: '张三', kind: 'police' }], blocks: ['A'] }]
			})
		).toBeNull();
		expect(
			refusal(schemas.Visits, {
				visits: [{ client_key: 'x', household_id: 1, fraud_risk_found: true, lon: 119.1, lat: 28.5 }],
				all_or_nothing: true
			})
		).toBeNull();
		expect(
			refusal(schemas.NewKnockList, { incident_id: 4, due_on: '2026-12-24', n: 10, same_building: true })
		).toBeNull();
		expect(refusal(schemas.Positions, { ids: [1, 2], lons: [119, 119.2], lats: [28, 28.1] })).toBeNull();
		expect(refusal(schemas.Choice, { kind: 'offline' })).toBeNull();
		expect(refusal(schemas.SignIn, { email: 'a@b', password: 'x' })).toBeNull();
	});

	it('normalises what it takes', () => {
		expect(
			v.parse(schemas.NewAccount, {
				email: ' Head@Station.CN ',
				display_name: ' 王所长 ',
				app_role: 'station_head',
				password: 'long enough',
				station_id: '3',
				officer_id: ''
			})
		).toEqual({
			email: 'head@station.cn',
			display_name: '王所长',
			app_role: 'station_head',
			password: 'long enough',
			station_id: 3,
			officer_id: null
		});
		expect(v.parse(schemas.Assign, { officer_id: 7 })).toEqual({
			officer_id: 7,
			expected_officer_id: null,
			role: 'primary'
		});
		expect(
			v.parse(schemas.NewIncident, { category: 'fraud', priority: 1, lon: 119, lat: 28, summary: ' x ' })
		).toEqual({ category: 'fraud', priority: 1, lon: 119, lat: 28, summary: 'x' });
	});
});

describe('refused bodies', () => {
	const cases: [string, v.GenericSchema, unknown, string][] = [
		['not an object', schemas.NewAccount, [1, 2], 'invalid_body'],
		['no body', schemas.Knock, undefined, 'invalid_body'],
		['email', schemas.NewAccount, { email: 'nobody' }, 'invalid_email'],
		['name', schemas.NewAccount, { email: 'a@b', display_name: ' ' }, 'display_name_missing'],
		['role', schemas.NewAccount, { email: 'a@b', display_name: 'x', app_role: 'boss' }, 'invalid_role'],
		[
			'station id',
			schemas.NewAccount,
			{ email: 'a@b', display_name: 'x', app_role: 'admin', password: '12345678', station_id: 'x' },
			'invalid_id'
		],
		['disabled', schemas.AccountChange, { disabled: 'yes' }, 'invalid_body'],
		['password', schemas.AccountChange, { password: 'short' }, 'password_too_short'],
		['campaign day', schemas.CampaignPlan, { name: 'x', starts_on: '2026-02-30' }, 'campaign_period_missing'],
		[
			'campaign scope',
			schemas.CampaignPlan,
			{ name: 'x', starts_on: '2026-02-01', ends_on: '2026-02-02', scope: { grid_ids: ['1'] } },
			'campaign_scope_invalid'
		],
		[
			'campaign share',
			schemas.CampaignPlan,
			{ name: 'x', starts_on: '2026-02-01', ends_on: '2026-02-02', target_share: 2, scope: {} },
			'campaign_target_share_invalid'
		],
		['visits', schemas.Visits, { visits: 'x' }, 'invalid_visits'],
		['visit flag', schemas.Visits, { visits: [{ dispute_found: 'yes' }] }, 'invalid_visits'],
		['too many visits', schemas.Visits, { visits: Array(5001).fill({}) }, 'invalid_visits'],
		[
			'knock list day',
			schemas.NewKnockList,
			{ incident_id: 1, due_on: '2026-13-01' },
			'knock_list_due_invalid'
		],
		[
			'knock list size',
			schemas.NewKnockList,
			{ incident_id: 1, n: 0, due_on: '2026-12-01' },
			'knock_list_size_invalid'
		],
		['knock outcome', schemas.Knock, { household_id: 1, outcome: 'gone' }, 'visit_outcome_invalid'],
		['officer', schemas.Assign, { officer_id: -1 }, 'invalid_officer'],
		['assignment role', schemas.Unassign, { officer_id: 1, role: 'boss' }, 'invalid_assignment_role'],
		['import kind', schemas.NewBatch, { kind: 'parcels' }, 'invalid_kind'],
		['import chunk', schemas.Chunk, { rows: [] }, 'import_invalid_body'],
		['incident category', schemas.NewIncident, { category: 'theft' }, 'incident_category_required'],
		[
			'incident priority',
			schemas.NewIncident,
			{ category: 'fraud', priority: 4 },
			'incident_priority_required'
		],
		[
			'incident place',
			schemas.NewIncident,
			{ category: 'fraud', priority: 1, lon: '119' },
			'incident_location_required'
		],
		['incident status', schemas.StatusChange, { status: 'gone', expected: 'new' }, 'invalid_incident_status'],
		[
			'mediation',
			schemas.StatusChange,
			{ status: 'closed', expected: 'on_scene', mediation: 'x' },
			'dispute_outcome_required'
		],
		['position ids', schemas.Positions, { ids: [1.5], lons: [119], lats: [28] }, 'invalid_positions'],
		['position columns', schemas.Positions, { ids: [1], lons: [119, 120], lats: [28] }, 'invalid_positions'],
		[
			'basemap template',
			schemas.Choice,
			{ kind: 'xyz_gcj02', url: 'https://t.cn/{z}/{x}' },
			'basemap_template_invalid'
		],
		['basemap kind', schemas.Choice, { kind: 'google' }, 'basemap_kind_invalid'],
		['no suggestions', schemas.Pairs, { pairs: [] }, 'invalid_suggestions'],
		[
			'a grid twice',
			schemas.Pairs,
			{
				pairs: [
					{ grid_id: 1, officer_id: 2 },
					{ grid_id: 1, officer_id: 3 }
				]
			},
			'invalid_suggestions'
		],
		['sign-in', schemas.SignIn, { email: 'a@b' }, 'sign_in_missing']
	];
	it.each(cases)('%s', (_name, schema, value, key) => {
		expect(refusal(schema, value)).toBe(key);
	});
});

describe('endpoints', () => {
	const request = (body: string) =>
		new Request('http://localhost/api', {
			method: 'POST',
			body,
			headers: { 'content-type': 'application/json' }
		});

	it('answer a malformed body with 400 and its key before touching the database', async () => {
		const { POST } = await import('../../src/routes/api/incidents/+server.ts');
		const event = { request: request('{"category":"theft"}'), locals: { claims: null } } as never;
		await expect(POST(event)).rejects.toMatchObject({
			status: 400,
			body: { message: 'incident_category_required' }
		});
		const notJson = { request: request('{'), locals: { claims: null } } as never;
		await expect(POST(notJson)).rejects.toMatchObject({ status: 400, body: { message: 'invalid_body' } });
	});
});

describe('the campaign choice', () => {
	it('takes a campaign id or null, and refuses anything else with campaign_not_running', () => {
		expect(refusal(schemas.CampaignChoiceBody, { campaign_id: 7 })).toBeNull();
		expect(refusal(schemas.CampaignChoiceBody, { campaign_id: null })).toBeNull();
		expect(refusal(schemas.CampaignChoiceBody, {})).toBeNull();
		expect(refusal(schemas.CampaignChoiceBody, { campaign_id: '7' })).toBe('campaign_not_running');
		expect(refusal(schemas.CampaignChoiceBody, { campaign_id: 1.5 })).toBe('campaign_not_running');
		expect(refusal(schemas.CampaignChoiceBody, 'x')).toBe('invalid_body');
	});
});
