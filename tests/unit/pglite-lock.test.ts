import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseInUseError, openPglite } from '../../src/lib/server/db/pglite.ts';

describe('the embedded database directory', () => {
	it('refuses a second process while the first holds it, and leaves its lock alone', async () => {
		const dir = join(mkdtempSync(join(tmpdir(), 'gpm-lock-')), 'db');
		// the parent of this test process is alive: it stands for a running server
		writeFileSync(`${dir}.lock`, String(process.ppid));
		await expect(openPglite(dir)).rejects.toBeInstanceOf(DatabaseInUseError);
		await expect(openPglite(dir)).rejects.toThrow(`already open in process ${process.ppid}`);
		expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.ppid));
	});
});
