// The DOM event a live page takes changes from as if they came over the live channel: the
// benchmark's and the soak test's stream, without a server in the loop. Its own module so the
// Node-side scripts can name it without loading Svelte.

/** A CustomEvent whose `detail` is a ChangeEvent[], dispatched on the element carrying data-live-state. */
export const LIVE_INJECT_EVENT = 'gpm-live-inject';
