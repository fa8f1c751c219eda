// The PostgREST-style RPC call on a SQL engine (PGlite or Postgres): one transaction per call,
// role and request.jwt.claims set locally, the function called with named arguments.
import { toDataError } from './errors.ts';
import { assertIdentifier, type AnyRpcArgs, type Claims, type DataPort } from './port.ts';
import type { SqlClient, SqlParam } from './sql.ts';

/** Postgres array literal for number/string arrays; the function signature gives the type. */
function toParam(value: AnyRpcArgs[string]): SqlParam {
	if (value === undefined) return null;
	if (!Array.isArray(value)) return value;
	return `{${value.map((v) => (typeof v === 'number' ? String(v) : JSON.stringify(v))).join(',')}}`;
}

function callSql(fn: string, args: AnyRpcArgs): { text: string; params: SqlParam[] } {
	assertIdentifier(fn);
	// an argument left out takes its SQL default, as with PostgREST
	const names = Object.keys(args).filter((n) => args[n] !== undefined);
	names.forEach(assertIdentifier);
	const list = names.map((n, i) => `${n} => $${i + 1}`).join(', ');
	return {
		text: `select to_json(public.${fn}(${list}))::text as result`,
		params: names.map((n) => toParam(args[n]))
	};
}

export function rpcPort(db: SqlClient): DataPort {
	async function run(fn: string, args: AnyRpcArgs, claims: Claims | null): Promise<string> {
		const { text, params } = callSql(fn, args);
		const role = claims?.role ?? 'anon';
		try {
			return await db.transaction(async (tx) => {
				// Two statements: the claims must be in place before the function runs.
				await tx.query("select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)", [
					role,
					JSON.stringify(claims ?? { role: 'anon' })
				]);
				const rows = await tx.query<{ result: string | null }>(text, params);
				return rows[0]?.result ?? 'null';
			});
		} catch (error) {
			throw toDataError(error);
		}
	}
	return {
		transport: db.engine,
		callJson: (fn, args, claims) => run(fn, args, claims),
		call: async (fn, args, claims) => JSON.parse(await run(fn, args, claims)),
		listen: (channel, handler) => db.listen(channel, handler),
		close: () => db.close()
	};
}
