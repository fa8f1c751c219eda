// An error as the user reads it: a message key from the server or the database
// (`assignment_conflict`) in the current language, or the error's own text when it has no key.
import { t } from './locale.svelte.ts';
import { isMessageKey } from './translate.ts';

export function errorMessage(error: unknown): string {
	const key = (error as { key?: unknown } | null)?.key;
	if (typeof key === 'string') {
		const full = `error.${key}`;
		return isMessageKey(full) ? t(full) : key;
	}
	return error instanceof Error ? error.message : String(error);
}
