import { rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

// The command room's figures, dispute register, newest incidents and station areas.
export const GET: RequestHandler = ({ locals }) => rpcResponse('command_room', {}, locals.claims);
