// Refreshes on a timer while the tab is visible (and at once when it becomes visible again).
// Until the live channel carries campaign visits, this is how coverage grows on screen; the page
// passes the one refresh function, so switching to live events replaces only this call.
export function pollWhileVisible(refresh: () => void, everyMs = 15_000): () => void {
	let timer: ReturnType<typeof setInterval> | null = null;
	const start = () => {
		timer ??= setInterval(refresh, everyMs);
	};
	const stop = () => {
		if (timer !== null) clearInterval(timer);
		timer = null;
	};
	const onVisibility = () => {
		if (document.visibilityState === 'visible') {
			refresh();
			start();
		} else stop();
	};
	document.addEventListener('visibilitychange', onVisibility);
	if (document.visibilityState === 'visible') start();
	return () => {
		stop();
		document.removeEventListener('visibilitychange', onVisibility);
	};
}
