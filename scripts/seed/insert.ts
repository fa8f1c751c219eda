// Loads generated demo data into a database through the same triggers and checks as any other
// write: rows go in as JSON batches (json_to_recordset) so a county loads in seconds.
import type { DemoData } from '../../src/lib/types/domain.ts';
import type { SqlClient, SqlTransaction } from '../../src/lib/server/db/sql.ts';

interface TableSpec {
	table: string;
	/** column → Postgres type of the JSON field */
	columns: Record<string, string>;
	/** SQL expressions for columns computed from the JSON fields */
	computed?: Record<string, string>;
}

const MULTI = 'ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.geom::text), 4326))';
const POINT = 'ST_SetSRID(ST_GeomFromGeoJSON(r.geom::text), 4326)';

const TABLES: { key: keyof DemoData; spec: TableSpec }[] = [
	{
		key: 'counties',
		spec: {
			table: 'counties',
			columns: { id: 'bigint', code: 'text', name: 'text' },
			computed: { geom: MULTI }
		}
	},
	{
		key: 'townships',
		spec: {
			table: 'townships',
			columns: { id: 'bigint', county_id: 'bigint', code: 'text', name: 'text', kind: 'text' },
			computed: { geom: MULTI }
		}
	},
	{
		key: 'stations',
		spec: {
			table: 'stations',
			columns: { id: 'bigint', county_id: 'bigint', code: 'text', name: 'text' },
			computed: { geom: POINT }
		}
	},
	{
		key: 'villages',
		spec: {
			table: 'villages',
			columns: {
				id: 'bigint',
				township_id: 'bigint',
				station_id: 'bigint',
				code: 'text',
				name: 'text',
				kind: 'text',
				population: 'integer'
			},
			computed: { geom: MULTI }
		}
	},
	{
		key: 'grids',
		spec: {
			table: 'grids',
			columns: { id: 'bigint', village_id: 'bigint', code: 'text', name: 'text' },
			computed: { geom: MULTI }
		}
	},
	{
		key: 'posts',
		spec: {
			table: 'posts',
			columns: { id: 'bigint', station_id: 'bigint', code: 'text', name: 'text', kind: 'text' },
			computed: { geom: POINT }
		}
	},
	{
		key: 'officers',
		spec: {
			table: 'officers',
			columns: {
				id: 'bigint',
				station_id: 'bigint',
				post_id: 'bigint',
				village_id: 'bigint',
				badge: 'text',
				name: 'text',
				kind: 'text',
				status: 'text',
				phone: 'text'
			},
			computed: { geom: `case when r.geom is null then null else ${POINT} end` }
		}
	},
	{
		key: 'households',
		spec: {
			table: 'households',
			columns: {
				id: 'bigint',
				grid_id: 'bigint',
				code: 'text',
				address: 'text',
				head_name: 'text',
				phone: 'text',
				id_number: 'text',
				residents: 'smallint',
				elderly_alone: 'boolean',
				past_fraud_victim: 'boolean',
				rental: 'boolean'
			},
			// village_id is derived by the trigger; the placeholder satisfies NOT NULL until then
			computed: { geom: POINT, village_id: '0' }
		}
	},
	{
		key: 'assignments',
		spec: {
			table: 'grid_assignments',
			columns: { id: 'bigint', grid_id: 'bigint', officer_id: 'bigint', role: 'text' },
			computed: { during: `tstzrange((r.valid_from)::timestamptz, (r.valid_to)::timestamptz, '[)')` }
		}
	},
	{
		key: 'incidents',
		spec: {
			table: 'incidents',
			columns: {
				id: 'bigint',
				code: 'text',
				category: 'text',
				status: 'text',
				priority: 'smallint',
				summary: 'text',
				occurred_at: 'timestamptz',
				mediation_status: 'text'
			},
			computed: { geom: POINT, updated_at: 'r.occurred_at' }
		}
	},
	{
		key: 'campaigns',
		spec: {
			table: 'campaigns',
			columns: { id: 'bigint', name: 'text', starts_on: 'date', ends_on: 'date', target_share: 'numeric' },
			computed: { topics: 'array(select json_array_elements_text(r.topics))' }
		}
	},
	{
		key: 'campaign_blocks',
		spec: {
			table: 'campaign_blocks',
			columns: { id: 'bigint', campaign_id: 'bigint', name: 'text' },
			computed: { geom: MULTI }
		}
	},
	{
		key: 'campaign_visits',
		spec: {
			table: 'campaign_visits',
			columns: {
				id: 'bigint',
				campaign_id: 'bigint',
				household_id: 'bigint',
				visited_at: 'timestamptz',
				outcome: 'text',
				visitor_kind: 'text',
				fraud_risk_found: 'boolean',
				money_protected: 'numeric',
				dispute_found: 'boolean',
				fire_hazard_found: 'boolean'
			},
			// grid_id and block_id are derived by the trigger from the household
			computed: {
				topics: 'array(select json_array_elements_text(r.topics))',
				geom: POINT,
				grid_id: '0',
				block_id: '0'
			}
		}
	},
	{
		key: 'key_units',
		spec: {
			table: 'key_units',
			columns: { id: 'bigint', name: 'text', kind: 'text', officer_id: 'bigint' },
			computed: { geom: POINT }
		}
	}
];

const BATCH = 5000;

async function insertRows(tx: SqlTransaction, spec: TableSpec, rows: object[]): Promise<void> {
	const fields = Object.entries(spec.columns);
	const computed = Object.entries(spec.computed ?? {});
	// the JSON record also carries the raw fields computed columns read
	const record = [
		...fields.map(([c, t]) => `${c} ${t}`),
		'geom json',
		'topics json',
		'valid_from text',
		'valid_to text'
	].join(', ');
	const targets = [...fields.map(([c]) => c), ...computed.map(([c]) => c)].join(', ');
	const values = [...fields.map(([c]) => `r.${c}`), ...computed.map(([, e]) => e)].join(', ');
	const text = `insert into public.${spec.table} (${targets}) select ${values} from json_to_recordset($1::text::json) as r(${record})`;
	for (let i = 0; i < rows.length; i += BATCH) {
		await tx.query(text, [JSON.stringify(rows.slice(i, i + BATCH))]);
	}
}

export interface InsertReport {
	table: string;
	rows: number;
	ms: number;
}

/** Inserts everything in one transaction: a failed seed leaves the database empty. */
export async function insertDemoData(
	db: SqlClient,
	data: DemoData,
	log: (r: InsertReport) => void = () => {}
): Promise<void> {
	await db.transaction(async (tx) => {
		// a year of demo incidents is not news: keep it out of the live change log
		await tx.query("select set_config('app.bulk_load', 'on', true)");
		// the demo's grids are the grids its year of incidents and campaigns happened in
		await tx.query("select set_config('app.grid_valid_from', '-infinity', true)");
		for (const { key, spec } of TABLES) {
			const rows = data[key] as object[];
			const t0 = performance.now();
			await insertRows(tx, spec, rows);
			log({ table: spec.table, rows: rows.length, ms: Math.round(performance.now() - t0) });
			// explicit ids were inserted: move the identity past them so later inserts don't collide
			await tx.query(
				`select setval(pg_get_serial_sequence('public.${spec.table}', 'id'), greatest((select max(id) from public.${spec.table}), 1))`
			);
		}
		await tx.query(
			`insert into public.audit_log (action, table_name, after) values ('seed', 'demo', $1::text::jsonb)`,
			[JSON.stringify({ scale: data.scale, seed: data.seed, now: data.now })]
		);
	});
	// fresh statistics, or the planner guesses row counts of empty tables (seconds, not ms)
	await db.exec('analyze');
}

/** True when the database already holds places (seeded or imported). */
export async function hasData(db: SqlClient): Promise<boolean> {
	const rows = await db.query<{ n: number }>('select count(*)::int as n from public.counties');
	return (rows[0]?.n ?? 0) > 0;
}
