// Assign, replace or unassign a grid's officer. The database decides who may and records the
// audit row; `expected_officer_id` is the officer the caller saw, so a change made meanwhile by
// someone else is a 409 conflict instead of a silent overwrite.
import { error, json } from '@sveltejs/kit';
import { dataPort } from '$lib/server/db';
import { dataErrorResponse, jsonBody, positiveId } from '$lib/server/respond';
import { ASSIGNMENT_ROLES, type AssignmentRole } from '$lib/types/domain';
import type { RequestHandler } from './$types';

function role(value: unknown): AssignmentRole {
	if (value === undefined) return 'primary';
	if (!(ASSIGNMENT_ROLES as readonly unknown[]).includes(value)) error(400, 'invalid_assignment_role');
	return value as AssignmentRole;
}

export const POST: RequestHandler = async ({ params, request, locals }) => {
	const grid_id = positiveId(Number(params.id));
	const body = await jsonBody(request);
	const officer_id = positiveId(body.officer_id, 'invalid_officer');
	const expected = body.expected_officer_id ?? null;
	const expected_officer_id = expected === null ? null : positiveId(expected, 'invalid_officer');
	try {
		const result = await (
			await dataPort()
		).call(
			'assign_officer',
			{ grid_id, officer_id, role: role(body.role), expected_officer_id },
			locals.claims
		);
		return json(result);
	} catch (e) {
		return dataErrorResponse(e);
	}
};

export const DELETE: RequestHandler = async ({ params, request, locals }) => {
	const grid_id = positiveId(Number(params.id));
	const body = await jsonBody(request);
	const officer_id = positiveId(body.officer_id, 'invalid_officer');
	try {
		const result = await (
			await dataPort()
		).call('unassign_officer', { grid_id, officer_id, role: role(body.role) }, locals.claims);
		return json(result);
	} catch (e) {
		return dataErrorResponse(e);
	}
};
