import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ precompress: true }),
		// a deployed new version is noticed within minutes and offered as a reload (+layout.svelte)
		version: { pollInterval: 5 * 60_000 },
		// Police networks are offline: nothing outside our own origin is ever loaded.
		csp: {
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'worker-src': ['self', 'blob:'],
				'connect-src': ['self', 'data:', 'blob:']
			}
		}
	}
};

export default config;
