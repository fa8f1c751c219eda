// The import page as state and rules, without a browser: the kind and file chosen, what the
// worker reports (preview, progress, commit, failure), the admin's choices sent back to it, and
// how problems read. admin/import/+page.svelte draws it; tests drive it with a fake worker.
import type {
	CommitSummary,
	FromWorker,
	ImportChoices,
	PreviewSummary,
	ToWorker
} from '$lib/features/import/protocol';
import type { SourceCrs } from '$lib/formats/crs';
import { MAX_IMPORT_BYTES } from '$lib/formats/read-file';
import { errorMessage } from '$lib/i18n/error-message';
import { t } from '$lib/i18n/locale.svelte';
import { isMessageKey } from '$lib/i18n/translate';
import { KIND_SPECS, type ImportKind } from '$lib/import/kinds';
import type { ImportProblem } from '$lib/import/problems';
import type { ImportReference } from '$lib/import/validate';

export type ImportStatus = 'idle' | 'reading' | 'ready' | 'committing' | 'done';
export interface ImportFailure {
	message: string;
	problems: ImportProblem[];
	atCommit?: boolean;
}

/** What the page asks of the outside: the import worker (which reads the reference itself). */
export interface ImportPort {
	send(message: ToWorker, transfer?: Transferable[]): void;
}

/** A message key in the current language with {other} filled in; unknown keys as they are. */
export const say = (key: string, params: Record<string, string | number> = {}) =>
	isMessageKey(key) ? t(key, params) : key;

export const problemLine = (p: ImportProblem) =>
	`${t('import.problem_at', { index: p.index, code: p.code ?? '–' })}：${say(p.problem, {
		other:
			p.problem === 'import.field_missing' || p.problem === 'import.field_invalid'
				? say(`import.field_${p.other}`)
				: (p.other ?? '')
	})}`;

/** notes that ask for a decision stand out */
export const urgent = (note: string) => note.startsWith('import.likely_') || note === 'import.swapped';

export class ImportPage {
	kind = $state<ImportKind>('grids');
	fileName = $state('');
	status = $state<ImportStatus>('idle');
	summary = $state.raw<PreviewSummary | null>(null);
	committed = $state<CommitSummary | null>(null);
	failure = $state<ImportFailure | null>(null);
	progress = $state<{ sent: number; total: number } | null>(null);
	/** the places the file's features are checked against, drawn under the preview */
	reference = $state.raw<ImportReference | null>(null);

	/** `origin`: the server the worker reads the reference from and uploads to */
	constructor(
		private readonly port: ImportPort,
		private readonly origin: string
	) {}

	readonly fields = $derived(KIND_SPECS[this.kind].fields);
	/** no new file or kind while the worker reads or uploads */
	readonly busy = $derived(this.status === 'reading' || this.status === 'committing');

	receive(m: FromWorker): void {
		if (m.type === 'reference') this.reference = m.reference;
		else if (m.type === 'prepared') {
			this.summary = m.summary;
			this.status = 'ready';
		} else if (m.type === 'progress') this.progress = { sent: m.sent, total: m.total };
		else if (m.type === 'committed') {
			this.committed = m.summary;
			this.status = 'done';
			this.progress = null;
		} else if (m.type === 'failed') {
			this.failure = {
				message: say(m.key.startsWith('import.') ? m.key : `error.${m.key}`),
				problems: m.problems,
				atCommit: this.status === 'committing'
			};
			this.status = this.summary ? 'ready' : 'idle';
			this.progress = null;
		}
	}

	/** The worker itself failed (it could not start, or threw). */
	workerFailed(message: string): void {
		this.failure = { message, problems: [] };
	}

	/** A file was chosen: too large is refused here, else the worker reads it (and its reference). */
	async choose(file: File): Promise<void> {
		this.failure = null;
		this.committed = null;
		this.summary = null;
		this.fileName = file.name;
		if (file.size > MAX_IMPORT_BYTES) {
			this.failure = {
				message: t('import.limit', {
					size: (file.size / 1048576).toFixed(1),
					limit: Math.round(MAX_IMPORT_BYTES / 1048576)
				}),
				problems: []
			};
			return;
		}
		this.status = 'reading';
		this.reference = null;
		const kind = this.kind;
		try {
			const bytes = await file.arrayBuffer();
			this.port.send({ type: 'read', name: file.name, bytes, kind, origin: this.origin }, [bytes]);
		} catch (e) {
			this.failure = { message: errorMessage(e), problems: [] };
			this.status = 'idle';
		}
	}

	rechoose(choices: ImportChoices): void {
		this.failure = null;
		this.status = 'reading';
		this.port.send({ type: 'choose', choices });
	}

	repair(): void {
		this.status = 'reading';
		this.port.send({ type: 'repair' });
	}

	setCrs(crs: SourceCrs): void {
		this.rechoose({ crs });
	}

	setSwap(swap: boolean): void {
		this.rechoose({ swap });
	}

	/** Maps a field to a column of the file; '' leaves it unmapped. */
	setField(field: string, source: string): void {
		const mapping = { ...(this.summary?.mapping ?? {}) };
		if (source === '') delete mapping[field];
		else mapping[field] = source;
		this.rechoose({ mapping });
	}

	setColumn(which: 'lon' | 'lat', name: string): void {
		if (!this.summary?.columns) return;
		this.rechoose({ columns: { ...this.summary.columns, [which]: name } });
	}

	commit(): void {
		this.failure = null;
		this.status = 'committing';
		this.progress = { sent: 0, total: this.summary?.count ?? 0 };
		this.port.send({ type: 'upload', fileName: this.fileName });
	}

	again(): void {
		this.summary = null;
		this.committed = null;
		this.failure = null;
		this.status = 'idle';
	}
}
