// The key that signs embedded sessions: SESSION_SECRET when set, otherwise a random key made on
// first start and kept beside the embedded database, so sessions survive restarts.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function sessionSecret(dataDir: string, env = process.env): string {
	if (env.SESSION_SECRET) {
		if (env.SESSION_SECRET.length < 32) throw new Error('SESSION_SECRET must be at least 32 characters');
		return env.SESSION_SECRET;
	}
	const file = join(dirname(dataDir), 'session-secret');
	if (existsSync(file)) return readFileSync(file, 'utf8').trim();
	mkdirSync(dirname(file), { recursive: true });
	const secret = randomBytes(32).toString('base64url');
	writeFileSync(file, secret, { mode: 0o600 });
	return secret;
}
