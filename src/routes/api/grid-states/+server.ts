// Each grid's responsible officer and figures by id, as the caller may see them: what colours and
// explains the grids where they are drawn from tiles.
import { rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => rpcResponse('grid_states', {}, locals.claims);
