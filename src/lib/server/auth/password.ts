// Password hashes for local accounts: scrypt from node:crypto, with the parameters stored in
// the hash so they can be raised without invalidating old passwords (a hash with weaker
// parameters is replaced at the next sign-in).
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Shortest password an admin may set (the demo password has 8 characters). */
export const MIN_PASSWORD_LENGTH = 8;
/** Longest password accepted anywhere: scrypt's cost grows with it, and nobody types more. */
export const MAX_PASSWORD_LENGTH = 256;

/**
 * OWASP's Password Storage Cheat Sheet lists N=2^17, r=8, p=1 and equal-cost variants; this one
 * (N=2^14, r=8, p=5) needs 16 MiB per hash instead of 128 MiB, so a burst of sign-ins cannot take
 * the server's memory, and about 140 ms on this project's 2-core machines.
 */
const PARAMS = { N: 16384, r: 8, p: 5 };
const KEY_LENGTH = 32;
// node's default limit is 32 MiB; 128 * N * r * p bytes plus headroom, for hashes of any strength
// listed by OWASP
const MAX_MEMORY = 256 * 1024 * 1024;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
	return new Promise((resolve, reject) =>
		scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: MAX_MEMORY }, (err, key) =>
			err ? reject(err) : resolve(key)
		)
	);
}

/** `scrypt$N$r$p$salt$key`, base64url parts. */
export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await derive(password, salt, PARAMS);
	return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join(
		'$'
	);
}

function parse(stored: string) {
	const [scheme, N, r, p, salt, key] = stored.split('$');
	if (scheme !== 'scrypt' || !salt || !key) return null;
	const options = { N: Number(N), r: Number(r), p: Number(p) };
	if (![options.N, options.r, options.p].every((x) => Number.isSafeInteger(x) && x > 0)) return null;
	return { options, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const hash = parse(stored);
	if (!hash || password.length > MAX_PASSWORD_LENGTH) return false;
	const actual = await derive(password, hash.salt, hash.options);
	return actual.length === hash.key.length && timingSafeEqual(actual, hash.key);
}

/** Whether a stored hash is weaker than today's parameters (and should be replaced on sign-in). */
export function needsRehash(stored: string): boolean {
	const hash = parse(stored);
	if (!hash) return false;
	const { N, r, p } = hash.options;
	return N * r * p < PARAMS.N * PARAMS.r * PARAMS.p;
}

let decoy: Promise<string> | null = null;
/**
 * A hash of nothing anyone knows, checked when the account does not exist, so an unknown e-mail
 * takes as long to refuse as a wrong password and accounts cannot be told apart by timing.
 */
export function decoyHash(): Promise<string> {
	decoy ??= hashPassword(randomBytes(16).toString('base64url'));
	return decoy;
}
