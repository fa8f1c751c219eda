// Disable or enable an account, or give it a new password (admins only; the database decides).
import { error } from '@sveltejs/kit';
import { hashPassword } from '$lib/server/auth/password';
import { parseBody, UUID } from '$lib/server/body';
import { rpcResponse } from '$lib/server/respond';
import { AccountChange } from '$lib/server/request-schemas';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = async ({ params, request, locals }) => {
	if (!UUID.test(params.id)) error(400, 'invalid_id');
	const { disabled, password } = await parseBody(request, AccountChange);
	const password_hash = password === undefined ? null : await hashPassword(password);
	return rpcResponse('update_account', { account_id: params.id, disabled, password_hash }, locals.claims);
};
