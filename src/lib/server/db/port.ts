// The one interface the app uses to reach its data, shaped like PostgREST's RPC so the same
// calls run on PGlite, on any Postgres and on Supabase. Every call runs as the caller: role and
// JWT claims are set exactly as PostgREST sets them, so row-level security decides.

import type { AppRole } from '../../types/domain.ts';
import type { RpcArgs, RpcName, RpcResult } from './functions.ts';

export type { AppRole };

export interface Claims {
	sub: string;
	role: 'authenticated' | 'anon' | 'service_role';
	app_metadata?: {
		app_role?: AppRole;
		station_id?: number | null;
		county_id?: number | null;
		officer_id?: number | null;
	};
	[key: string]: unknown;
}

export type { RpcArgs, RpcName, RpcResult };

/** Argument values as the transports send them, whatever the function. */
export type AnyRpcArgs = Record<string, string | number | boolean | null | undefined | number[] | string[]>;

export interface DataPort {
	readonly transport: 'pglite' | 'postgres' | 'supabase';
	/**
	 * Calls a database function (see functions.ts) and returns its JSON result, parsed. T, when
	 * given, overrides the result type functions.ts knows.
	 */
	call<T = never, F extends RpcName = RpcName>(
		fn: F,
		args: RpcArgs<F>,
		claims: Claims | null
	): Promise<[T] extends [never] ? RpcResult<F> : T>;
	/** Same, but returns the JSON text untouched, to stream it straight to the browser. */
	callJson<F extends RpcName>(fn: F, args: RpcArgs<F>, claims: Claims | null): Promise<string>;
	listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
	close(): Promise<void>;
}

/** A database error the UI can translate: `key` is the message key raised by the database. */
export class DataError extends Error {
	/**
	 * @param detail what our own function added for the UI (import_invalid's rows); sent to clients
	 * @param internal PostgreSQL's own text (a failing row, an invalid literal): for the server log
	 *   only, since it can hold personal data and says nothing a user can act on
	 */
	constructor(
		readonly key: string,
		readonly detail?: string,
		readonly code?: string,
		readonly internal?: string
	) {
		super([key, detail ?? internal].filter(Boolean).join(': '));
		this.name = 'DataError';
	}
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Function and argument names go into SQL text, so they must be plain identifiers. */
export function assertIdentifier(name: string): void {
	if (!IDENTIFIER.test(name)) throw new DataError('invalid_identifier', name);
}
