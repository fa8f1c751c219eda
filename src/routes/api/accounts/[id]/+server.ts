// Disable or enable an account, or give it a new password (admins only; the database decides).
import { error, json } from '@sveltejs/kit';
import { hashPassword, MIN_PASSWORD_LENGTH } from '$lib/server/auth/password';
import { dataPort } from '$lib/server/db';
import { dataErrorResponse, jsonBody } from '$lib/server/respond';
import type { RequestHandler } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const PATCH: RequestHandler = async ({ params, request, locals }) => {
	if (!UUID.test(params.id)) error(400, 'invalid_id');
	const body = await jsonBody(request);
	const disabled = body.disabled === undefined ? null : body.disabled;
	if (disabled !== null && typeof disabled !== 'boolean') error(400, 'invalid_body');
	let password_hash: string | null = null;
	if (body.password !== undefined) {
		if (typeof body.password !== 'string' || body.password.length < MIN_PASSWORD_LENGTH)
			error(400, 'password_too_short');
		password_hash = await hashPassword(body.password);
	}
	try {
		return json(
			await (
				await dataPort()
			).call('update_account', { account_id: params.id, disabled, password_hash }, locals.claims)
		);
	} catch (e) {
		return dataErrorResponse(e);
	}
};
