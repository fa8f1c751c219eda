// Local accounts for admins: list and create. The database checks the caller is an admin and
// audits; the server only validates the form and hashes the password (never stored in clear).
import { hashPassword } from '$lib/server/auth/password';
import { parseBody } from '$lib/server/body';
import { rpcResponse } from '$lib/server/respond';
import { NewAccount } from '$lib/server/request-schemas';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => rpcResponse('list_accounts', {}, locals.claims);

export const POST: RequestHandler = async ({ request, locals }) => {
	const { password, ...account } = await parseBody(request, NewAccount);
	return rpcResponse(
		'create_account',
		{ ...account, password_hash: await hashPassword(password) },
		locals.claims,
		{ status: 201 }
	);
};
