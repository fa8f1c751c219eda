// Where to go after signing in: only a path on this site, so a crafted link cannot send a
// freshly signed-in user to another host.
export function safeNextPath(next: string | null): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
	return next;
}
