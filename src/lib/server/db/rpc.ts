// The PostgREST-style RPC call on a SQL engine (PGlite or Postgres): one transaction per call,
// role and request.jwt.claims set locally, the function called with named arguments.
import { assertIdentifier, DataError, type Claims, type DataPort, type RpcArgs } from './port.ts';
import type { SqlClient, SqlParam } from './sql.ts';

/** Postgres array literal for number/string arrays; the function signature gives the type. */
function toParam(value: RpcArgs[string]): SqlParam {
	if (!Array.isArray(value)) return value;
	return `{${value.map((v) => (typeof v === 'number' ? String(v) : JSON.stringify(v))).join(',')}}`;
}

function callSql(fn: string, args: RpcArgs): { text: string; params: SqlParam[] } {
	assertIdentifier(fn);
	const names = Object.keys(args);
	names.forEach(assertIdentifier);
	const list = names.map((n, i) => `${n} => $${i + 1}`).join(', ');
	return {
		text: `select to_json(public.${fn}(${list}))::text as result`,
		params: names.map((n) => toParam(args[n]))
	};
}

/** Errors raised by our functions carry a message key; anything else keeps its own text. */
export function toDataError(error: unknown): DataError {
	if (error instanceof DataError) return error;
	const e = error as {
		message?: string;
		detail?: string;
		code?: string;
		constraint_name?: string;
		constraint?: string;
	};
	const constraint = e.constraint_name ?? e.constraint;
	const key = constraint ?? e.message ?? 'database_error';
	return new DataError(key, e.detail ?? e.message, e.code);
}

export function rpcPort(db: SqlClient): DataPort {
	async function run(fn: string, args: RpcArgs, claims: Claims | null): Promise<string> {
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
		callJson: run,
		async call<T>(fn: string, args: RpcArgs, claims: Claims | null) {
			return JSON.parse(await run(fn, args, claims)) as T;
		},
		listen: (channel, handler) => db.listen(channel, handler),
		close: () => db.close()
	};
}
