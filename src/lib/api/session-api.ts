// Signing out from any page: the server drops the session, the offline copies of pages and data
// kept for the field (service-worker.ts) are deleted, and the browser goes to the sign-in page
// with a full load, so nothing of the previous user's data stays in memory or on the device.
// The visits the user recorded and has not sent stay, in their own outbox (visit-queue.ts).
export async function signOut(): Promise<void> {
	await fetch('/api/session', { method: 'DELETE' });
	if ('caches' in window) await caches.delete('gpm-data').catch(() => false);
	window.location.assign('/login');
}
