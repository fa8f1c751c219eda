// The grid editor's calls: preview a draft (written nowhere) and commit it.
import type { GridDraftCommitted, GridDraftPreview, GridEdit } from '$lib/types/grid-drafts';
import { requestJson, type Fetch } from './request.ts';

export const previewGridEdits = (f: Fetch, edits: GridEdit[]) =>
	requestJson<GridDraftPreview>(f, '/api/grid-drafts/preview', { method: 'POST', body: { edits } });

export const commitGridEdits = (f: Fetch, edits: GridEdit[], versions: Record<string, number>) =>
	requestJson<GridDraftCommitted>(f, '/api/grid-drafts/commit', {
		method: 'POST',
		body: { edits, versions }
	});
