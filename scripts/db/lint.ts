// Supabase's database lints (the "splinter" checks behind the Security and Performance
// Advisors), restated for the checks that read only the catalog, so CI can hold a migrated
// database to 0 findings without a Supabase project. Each query returns one row per finding;
// `lint` is splinter's number and name. Lints that need a running Supabase (auth settings,
// storage buckets, pg_graphql, statistics such as unused indexes or bloat) are not here.
import { pathToFileURL } from 'node:url';
import type { SqlClient } from '../../src/lib/server/db/sql.ts';

export interface Finding {
	lint: string;
	level: 'ERROR' | 'WARN' | 'INFO';
	detail: string;
	/** A deliberate exception: the function's comment starts with `lint <number>, deliberate:`. */
	excepted: boolean;
}

// Schemas Supabase owns or reserves; splinter skips them.
const SYSTEM_SCHEMAS = `('_timescaledb_cache', '_timescaledb_catalog', '_timescaledb_config', '_timescaledb_internal',
  'auth', 'cron', 'extensions', 'graphql', 'graphql_public', 'information_schema', 'net', 'pgmq', 'pgroonga',
  'pgsodium', 'pgsodium_masks', 'pgtle', 'pgbouncer', 'pg_catalog', 'pg_toast', 'realtime', 'repack', 'storage',
  'supabase_functions', 'supabase_migrations', 'tiger', 'topology', 'vault')`;

// The schemas PostgREST exposes (config.toml [api] schemas).
const EXPOSED = `('public')`;

/** Objects that belong to an extension (PostGIS, btree_gist) are not the project's. */
const notExtensionMember = (oid: string) =>
	`not exists (select 1 from pg_catalog.pg_depend d where d.objid = ${oid} and d.deptype = 'e')`;

export const LINTS: { lint: string; level: Finding['level']; sql: string }[] = [
	{
		// a foreign key whose columns do not lead an index: deletes on the parent scan the child
		lint: '0001_unindexed_foreign_keys',
		level: 'INFO',
		sql: `select format('%s.%s: %s', n.nspname, c.relname, k.conname)
		  from pg_catalog.pg_constraint k
		  join pg_catalog.pg_class c on c.oid = k.conrelid
		  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		  where k.contype = 'f' and n.nspname not in ${SYSTEM_SCHEMAS} and ${notExtensionMember('c.oid')}
		    and not exists (
		      select 1 from pg_catalog.pg_index i
		      where i.indrelid = k.conrelid and i.indisvalid
		        and (string_to_array(i.indkey::text, ' ')::smallint[])[1:cardinality(k.conkey)] @> k.conkey
		        and (string_to_array(i.indkey::text, ' ')::smallint[])[1:cardinality(k.conkey)] <@ k.conkey)`
	},
	{
		// auth.<fn>() in a policy evaluated per row instead of once (wrap it in a select)
		lint: '0003_auth_rls_initplan',
		level: 'WARN',
		sql: `select format('%s.%s: %s', schemaname, tablename, policyname) from pg_catalog.pg_policies
		  where schemaname not in ${SYSTEM_SCHEMAS}
		    and ((qual ~ 'auth\\.(uid|jwt|role|email)\\(\\)' and lower(qual) !~ 'select\\s+auth\\.(uid|jwt|role|email)\\(\\)')
		      or (with_check ~ 'auth\\.(uid|jwt|role|email)\\(\\)'
		          and lower(with_check) !~ 'select\\s+auth\\.(uid|jwt|role|email)\\(\\)'))`
	},
	{
		lint: '0004_no_primary_key',
		level: 'INFO',
		sql: `select format('%s.%s', n.nspname, c.relname) from pg_catalog.pg_class c
		  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		  where c.relkind in ('r', 'p') and n.nspname not in ${SYSTEM_SCHEMAS} and ${notExtensionMember('c.oid')}
		    and not exists (select 1 from pg_catalog.pg_index i where i.indrelid = c.oid and i.indisprimary)`
	},
	{
		// two permissive policies for one role and command: both run on every row
		lint: '0006_multiple_permissive_policies',
		level: 'WARN',
		sql: `select format('%s.%s: %s %s', n.nspname, c.relname, r.rolname, a.cmd)
		  from pg_catalog.pg_policy p
		  join pg_catalog.pg_class c on c.oid = p.polrelid
		  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		  join pg_catalog.pg_roles r on p.polroles @> array[r.oid] or p.polroles = array[0::oid]
		  cross join lateral unnest(case p.polcmd when 'r' then array['SELECT'] when 'a' then array['INSERT']
		    when 'w' then array['UPDATE'] when 'd' then array['DELETE']
		    else array['SELECT', 'INSERT', 'UPDATE', 'DELETE'] end) a(cmd)
		  where c.relkind = 'r' and p.polpermissive and n.nspname not in ${SYSTEM_SCHEMAS}
		    and r.rolname !~ '^pg_' and r.rolname !~ '^supabase.*admin$' and not r.rolbypassrls
		  group by n.nspname, c.relname, r.rolname, a.cmd having count(*) > 1`
	},
	{
		lint: '0007_policy_exists_rls_disabled',
		level: 'ERROR',
		sql: `select distinct format('%s.%s', n.nspname, c.relname) from pg_catalog.pg_policy p
		  join pg_catalog.pg_class c on c.oid = p.polrelid
		  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		  where not c.relrowsecurity and n.nspname not in ${SYSTEM_SCHEMAS}`
	},
	{
		lint: '0008_rls_enabled_no_policy',
		level: 'INFO',
		sql: `select format('%s.%s', n.nspname, c.relname) from pg_catalog.pg_class c
		  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		  where c.relkind = 'r' and c.relrowsecurity and n.nspname not in ${SYSTEM_SCHEMAS}
		    and not exists (select 1 from pg_catalog.pg_policy p where p.polrelid = c.oid)`
	},
	{
		lint: '0009_duplicate_index',
		level: 'WARN',
		sql: `select format('%s.%s: %s', n.nspname, c.relname, string_agg(ic.relname, ', ' order by ic.relname))
		  from pg_catalog.pg_index i
		  join pg_catalog.pg_class c on c.oid = i.indrelid
		  join pg_catalog.pg_class ic on ic.oid = i.indexrelid
		  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		  where n.nspname not in ${SYSTEM_SCHEMAS} and ${notExtensionMember('c.oid')}
		  group by n.nspname, c.relname, i.indkey::text, i.indclass::text, i.indcollation::text,
		    coalesce(pg_catalog.pg_get_expr(i.indexprs, i.indrelid), ''), coalesce(pg_catalog.pg_get_expr(i.indpred, i.indrelid), ''),
		    ic.relam
		  having count(*) > 1`
	},
	{
		lint: '0010_security_definer_view',
		level: 'ERROR',
		sql: `select format('%s.%s', n.nspname, c.relname) from pg_catalog.pg_class c
		  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		  where c.relkind = 'v' and n.nspname in ${EXPOSED} and ${notExtensionMember('c.oid')}
		    and not coalesce(c.reloptions, '{}') && array['security_invoker=true', 'security_invoker=on']`
	},
	{
		// a function that resolves names through the caller's search_path can be steered by it
		lint: '0011_function_search_path_mutable',
		level: 'WARN',
		sql: `select format('%s.%s(%s)', n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)),
		    coalesce(pg_catalog.obj_description(p.oid, 'pg_proc'), '') like 'lint 0011, deliberate:%'
		  from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
		  where n.nspname not in ${SYSTEM_SCHEMAS} and ${notExtensionMember('p.oid')}
		    and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) s where s like 'search_path=%')`
	},
	{
		lint: '0013_rls_disabled_in_public',
		level: 'ERROR',
		sql: `select format('%s.%s', n.nspname, c.relname) from pg_catalog.pg_class c
		  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		  where c.relkind = 'r' and n.nspname in ${EXPOSED} and not c.relrowsecurity`
	},
	{
		lint: '0014_extension_in_public',
		level: 'WARN',
		sql: `select e.extname from pg_catalog.pg_extension e join pg_catalog.pg_namespace n on n.oid = e.extnamespace
		  where n.nspname = 'public' and e.extname not in ('pg_net')`
	},
	{
		// user_metadata is editable by the user, so a policy must not trust it
		lint: '0015_rls_references_user_metadata',
		level: 'ERROR',
		sql: `select format('%s.%s: %s', schemaname, tablename, policyname) from pg_catalog.pg_policies
		  where schemaname not in ${SYSTEM_SCHEMAS}
		    and (coalesce(qual, '') ~ 'user_metadata' or coalesce(with_check, '') ~ 'user_metadata')`
	},
	{
		lint: '0016_materialized_view_in_api',
		level: 'WARN',
		sql: `select format('%s.%s', n.nspname, c.relname) from pg_catalog.pg_class c
		  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		  where c.relkind = 'm' and n.nspname in ${EXPOSED}
		    and (pg_catalog.has_table_privilege('anon', c.oid, 'SELECT')
		      or pg_catalog.has_table_privilege('authenticated', c.oid, 'SELECT'))`
	},
	{
		lint: '0017_foreign_table_in_api',
		level: 'WARN',
		sql: `select format('%s.%s', n.nspname, c.relname) from pg_catalog.pg_class c
		  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		  where c.relkind = 'f' and n.nspname in ${EXPOSED}`
	},
	{
		// SELECT policies are left out on purpose by splinter: reading everything can be intended
		lint: '0024_rls_policy_always_true',
		level: 'WARN',
		sql: `select format('%s.%s: %s', schemaname, tablename, policyname) from pg_catalog.pg_policies
		  where schemaname not in ${SYSTEM_SCHEMAS} and permissive = 'PERMISSIVE'
		    and (roles && array['public', 'anon', 'authenticated']::name[])
		    and ((cmd in ('UPDATE', 'DELETE', 'ALL')
		          and (regexp_replace(lower(coalesce(qual, '')), '\\s', '', 'g') in ('true', '(true)', '1=1', '(1=1)') or qual is null))
		      or regexp_replace(lower(coalesce(with_check, '')), '\\s', '', 'g') in ('true', '(true)', '1=1', '(1=1)')
		      or (with_check is null and cmd = 'INSERT'))`
	},
	{
		lint: '0028_anon_security_definer_function_executable',
		level: 'WARN',
		sql: `select format('%s.%s(%s)', n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid))
		  from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
		  where p.prosecdef and n.nspname not in ${SYSTEM_SCHEMAS}
		    and pg_catalog.has_function_privilege('anon', p.oid, 'EXECUTE')`
	},
	{
		lint: '0029_authenticated_security_definer_function_executable',
		level: 'WARN',
		sql: `select format('%s.%s(%s)', n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)),
		    coalesce(pg_catalog.obj_description(p.oid, 'pg_proc'), '') like 'lint 0029, deliberate:%'
		  from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
		  where p.prosecdef and n.nspname not in ${SYSTEM_SCHEMAS}
		    and pg_catalog.has_function_privilege('authenticated', p.oid, 'EXECUTE')`
	},
	{
		lint: '0030_invalid_index',
		level: 'WARN',
		sql: `select format('%s.%s', n.nspname, c.relname) from pg_catalog.pg_index i
		  join pg_catalog.pg_class c on c.oid = i.indexrelid
		  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		  where not i.indisvalid and n.nspname not in ${SYSTEM_SCHEMAS}`
	}
];

export async function lintDatabase(db: Pick<SqlClient, 'query'>): Promise<Finding[]> {
	const findings: Finding[] = [];
	for (const l of LINTS) {
		// a query's optional second column says whether the finding is a documented exception
		const rows = await db.query<{ detail: string; excepted: boolean | null }>(
			`select f.*, null::boolean from (${l.sql}) f order by 1`
		);
		for (const r of rows) {
			const [detail, excepted] = Object.values(r) as [string, boolean | null];
			findings.push({ lint: l.lint, level: l.level, detail, excepted: excepted === true });
		}
	}
	return findings;
}

// `tsx scripts/db/lint.ts [DATABASE_URL]`: prints the findings, exits 1 when there are any.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const { openPostgres } = await import('../../src/lib/server/db/postgres.ts');
	const url = process.argv[2] ?? process.env.DATABASE_URL;
	if (!url) throw new Error('usage: tsx scripts/db/lint.ts postgres://…');
	const db = await openPostgres(url);
	const findings = await lintDatabase(db);
	await db.close();
	for (const f of findings)
		console.log(`${f.excepted ? 'EXCEPTED' : f.level.padEnd(8)} ${f.lint}  ${f.detail}`);
	const open = findings.filter((f) => !f.excepted);
	console.log(`${open.length} finding(s), ${findings.length - open.length} documented exception(s)`);
	process.exit(open.length ? 1 : 0);
}
