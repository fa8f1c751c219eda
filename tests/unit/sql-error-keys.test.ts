// Every message key the database raises reaches the user translated: the SQL is scanned
// recursively, so the check holds whether the schema lives in migrations/ or schemas/.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/lib/i18n/messages/en.ts';
import { zhCN } from '../../src/lib/i18n/messages/zh-CN.ts';

function sqlFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sqlFiles(path);
		return entry.name.endsWith('.sql') ? [path] : [];
	});
}

/** `raise exception 'key'` with a plain identifier: the message keys the app translates. */
function raisedKeys(): Set<string> {
	const keys = new Set<string>();
	for (const file of sqlFiles('supabase')) {
		for (const m of readFileSync(file, 'utf8').matchAll(/raise\s+exception\s+'([a-z][a-z0-9_]*)'/gi))
			keys.add(m[1]);
	}
	return keys;
}

/** Named check constraints of the schema: their names are message keys too. */
function constraintKeys(): Set<string> {
	const keys = new Set<string>();
	for (const file of sqlFiles('supabase/schemas')) {
		for (const m of readFileSync(file, 'utf8').matchAll(/constraint\s+([a-z][a-z0-9_]*)\s+check\b/gi))
			keys.add(m[1]);
	}
	return keys;
}

describe('database message keys', () => {
	it('has a Chinese and an English message for every named check constraint', () => {
		const keys = [...constraintKeys()].sort();
		expect(keys).toContain('name_too_long');
		const missing = (catalogue: object) => keys.filter((k) => !(`error.${k}` in catalogue));
		expect(missing(zhCN)).toEqual([]);
		expect(missing(en)).toEqual([]);
	});

	it('has a Chinese and an English message for every key the SQL raises', () => {
		const keys = [...raisedKeys()].sort();
		// a scan that finds nothing would pass vacuously
		expect(keys.length).toBeGreaterThanOrEqual(60);
		const missing = (catalogue: object) => keys.filter((k) => !(`error.${k}` in catalogue));
		expect(missing(zhCN)).toEqual([]);
		expect(missing(en)).toEqual([]);
	});
});
