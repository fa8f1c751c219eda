// The worker's state and work: read a file, fetch the places within its box to check it against,
// prepare it with the admin's choices, accept the repaired shapes, upload in chunks and commit.
// Plain TypeScript with fetch injected, so Node runs it in tests and the benchmark exactly as the
// browser's worker does.
import type { Feature, Geometry, Position } from 'geojson';
import { FileError, type ParsedFile } from '$lib/formats/parsed';
import { readImportFile } from '$lib/formats/read-file';
import { eachPosition } from '$lib/geo/each-position';
import type { ImportKind } from '$lib/import/kinds';
import { prepareImport, rawFeatures, type Prepared } from '$lib/import/prepare';
import { boxHolds, referenceBox, type Box } from '$lib/import/reference-box';
import { sendChunks, type Stageable } from '$lib/import/staged-row';
import type { ImportProblem } from '$lib/import/problems';
import { validateFeatures, type ImportReference } from '$lib/import/validate';
import {
	IMPORT_CHUNK_BYTES,
	PREVIEW_LIMIT,
	type CommitSummary,
	type FromWorker,
	type ImportChoices,
	type PreviewSummary,
	type ToWorker
} from './protocol.ts';

type Fetch = typeof fetch;

function extend(b: [number, number, number, number], p: Position) {
	if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) return;
	if (p[0] < b[0]) b[0] = p[0];
	if (p[1] < b[1]) b[1] = p[1];
	if (p[0] > b[2]) b[2] = p[0];
	if (p[1] > b[3]) b[3] = p[1];
}

function summarise(p: Prepared): PreviewSummary {
	const problems = p.validation.problems;
	const bad = new Set(problems.map((x) => x.index));
	const drawable = (g: Geometry | null): g is Geometry => {
		if (!g || !('coordinates' in g)) return false;
		let ok = true;
		eachPosition(g.coordinates, (q) => (ok &&= Number.isFinite(q[0]) && Number.isFinite(q[1])));
		return ok;
	};
	const ordered = [
		...p.features.filter((f) => bad.has(f.index)),
		...p.features.filter((f) => !bad.has(f.index))
	];
	const preview: Feature<Geometry, { code: string | null; problem: boolean }>[] = [];
	for (const f of ordered) {
		if (preview.length >= PREVIEW_LIMIT) break;
		if (drawable(f.geometry))
			preview.push({
				type: 'Feature',
				geometry: f.geometry,
				properties: { code: f.code, problem: bad.has(f.index) }
			});
	}
	const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const f of p.features)
		if (f.geometry && 'coordinates' in f.geometry) eachPosition(f.geometry.coordinates, (q) => extend(b, q));
	return {
		kind: p.kind,
		count: p.features.length,
		crs: p.crs,
		swap: p.swap,
		mapping: p.mapping,
		sourceKeys: p.sourceKeys,
		columns: p.columns,
		notes: p.notes,
		problems: problems.slice(0, 500),
		problemCount: problems.length,
		repairable: problems.filter((x) => x.repaired).length,
		preview: { type: 'FeatureCollection', features: preview },
		bbox: Number.isFinite(b[0]) ? b : null
	};
}

/** Sends the features in chunks of at most IMPORT_CHUNK_BYTES and commits them. */
export async function uploadFeatures(
	fetchFn: Fetch,
	origin: string,
	kind: ImportKind,
	fileName: string,
	features: Stageable[],
	onProgress: (sent: number) => void = () => {}
): Promise<CommitSummary> {
	const post = async (path: string, body: string) => {
		const res = await fetchFn(`${origin}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body
		});
		const payload = (await res.json().catch(() => null)) as { message?: string; detail?: string } | null;
		if (!res.ok) {
			let problems: ImportProblem[] = [];
			try {
				if (payload?.message === 'import_invalid') problems = JSON.parse(payload.detail ?? '[]');
			} catch {
				// not a problem list
			}
			throw new RefusedError(payload?.message ?? `http_${res.status}`, problems);
		}
		return payload as unknown;
	};
	const { batch } = (await post('/api/import', JSON.stringify({ kind, file_name: fileName }))) as {
		batch: string;
	};
	let sent = 0;
	await sendChunks(features, IMPORT_CHUNK_BYTES, async (chunk) => {
		await post(`/api/import/${batch}?kind=${kind}&offset=${chunk.start}`, chunk.body);
		sent += chunk.end - chunk.start;
		onProgress(sent);
	});
	return (await post(`/api/import/${batch}/commit`, '{}')) as CommitSummary;
}

/** The server said no (the reference, a chunk, the commit): its message key and problems. */
export class RefusedError extends Error {
	constructor(
		readonly key: string,
		readonly problems: ImportProblem[]
	) {
		super(key);
	}
}

/**
 * The reference within a box: every station and township code, the outlines meeting the box. No
 * box (no point of the file in China) asks for an empty one at 0°, 0°: the codes alone.
 */
export async function fetchReference(
	fetchFn: Fetch,
	origin: string,
	kind: ImportKind,
	box: Box | null
): Promise<ImportReference> {
	const bbox = (box ?? [0, 0, 0, 0]).map((n) => n.toFixed(5)).join(',');
	const res = await fetchFn(`${origin}/api/import/reference?kind=${kind}&bbox=${bbox}`, {
		headers: { accept: 'application/json' }
	});
	const payload = (await res.json().catch(() => null)) as { message?: string } | null;
	if (!res.ok) throw new RefusedError(payload?.message ?? `http_${res.status}`, []);
	return payload as ImportReference;
}

export function createImportSession(fetchFn: Fetch) {
	let file: ParsedFile | null = null;
	let kind: ImportKind = 'grids';
	let origin = '';
	let reference: ImportReference = {};
	/** the box `reference` covers; undefined: none fetched for this file */
	let covered: Box | null | undefined;
	let choices: ImportChoices = {};
	let prepared: Prepared | null = null;

	const prepare = (): FromWorker => {
		prepared = prepareImport(file!, { kind, reference, ...choices });
		return { type: 'prepared', summary: summarise(prepared) };
	};

	/** Fetches the reference again when the file's box (as read, as swapped) leaves the one held. */
	const cover = async (post: (m: FromWorker) => void): Promise<void> => {
		const want = referenceBox(rawFeatures(file!, choices.columns).raw, choices.swap ?? false);
		const held =
			covered === undefined ? false : want === null || (covered !== null && boxHolds(covered, want));
		if (held) return;
		reference = await fetchReference(fetchFn, origin, kind, want);
		covered = want;
		post({ type: 'reference', reference });
	};

	return {
		async handle(msg: ToWorker, post: (m: FromWorker) => void): Promise<void> {
			try {
				if (msg.type === 'read') {
					kind = msg.kind;
					origin = msg.origin;
					choices = {};
					covered = undefined;
					file = await readImportFile(msg.name, new Uint8Array(msg.bytes));
					await cover(post);
					post(prepare());
				} else if (msg.type === 'choose') {
					choices = { ...choices, ...msg.choices };
					// a swap or other coordinate columns move the file; another system moves it < 2 km
					if (msg.choices.swap !== undefined || msg.choices.columns) await cover(post);
					post(prepare());
				} else if (msg.type === 'repair' && prepared) {
					const repaired = new Map(
						prepared.validation.problems.filter((p) => p.repaired).map((p) => [p.index, p.repaired!])
					);
					for (const f of prepared.features) if (repaired.has(f.index)) f.geometry = repaired.get(f.index)!;
					prepared.validation = validateFeatures(kind, prepared.features, reference);
					post({ type: 'prepared', summary: summarise(prepared) });
				} else if (msg.type === 'upload' && prepared) {
					const summary = await uploadFeatures(
						fetchFn,
						origin,
						kind,
						msg.fileName,
						prepared.features,
						(sent) => post({ type: 'progress', sent, total: prepared!.features.length })
					);
					post({ type: 'committed', summary });
				}
			} catch (e) {
				if (e instanceof FileError) post({ type: 'failed', key: e.key, problems: [] });
				else if (e instanceof RefusedError) post({ type: 'failed', key: e.key, problems: e.problems });
				else post({ type: 'failed', key: (e as Error).message ?? 'worker_error', problems: [] });
			}
		}
	};
}
