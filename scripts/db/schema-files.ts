// The declarative schema (supabase/schemas/), in the order config.toml's [db.migrations]
// schema_paths declares. The baseline migration was these files concatenated when the first 33
// migrations were squashed (2026-12-05); since then each change edits its schema file and adds a
// migration, and tests/db/schema-files.test.ts checks that the migrations reach the same
// definitions as the files.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

/** The schema files in their declared order, relative to the repository root. */
export function schemaFiles(root = ROOT): string[] {
	const toml = readFileSync(join(root, 'supabase/config.toml'), 'utf8');
	const list = /^\[db\.migrations\][^[]*?^schema_paths\s*=\s*\[([^\]]*)\]/ms.exec(toml);
	if (!list) throw new Error('supabase/config.toml: [db.migrations] schema_paths not found');
	// paths in config.toml are relative to supabase/
	return [...list[1].matchAll(/"([^"]+)"/g)].map((m) => join('supabase', m[1].replace(/^\.\//, '')));
}

export function readSchemaFile(file: string, root = ROOT): string {
	return readFileSync(join(root, file), 'utf8');
}
