// Where to go after signing in: only a path on this site, so a crafted link cannot send a
// freshly signed-in user to another host.
const BASE = 'http://gpm.invalid';

export function safeNextPath(next: string | null): string {
	// browsers drop tabs and newlines inside URLs and read `\` as `/`, so `/\t/evil` and `/\evil`
	// would leave the site: any control character, space or backslash is refused outright
	// eslint-disable-next-line no-control-regex
	if (!next || !next.startsWith('/') || /[\u0000-\u0020\u007f\\]/.test(next)) return '/';
	let url: URL;
	try {
		url = new URL(next, BASE);
	} catch {
		return '/';
	}
	if (url.origin !== BASE || next.startsWith('//')) return '/';
	return url.pathname + url.search + url.hash;
}
