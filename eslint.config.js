import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// DESIGN.md's import rules. A pattern matches an import by `$lib/<layer>` or by a relative path
// climbing into <layer>; flat config replaces (not merges) a rule's options when several blocks
// match a file, so each block repeats the server rule.
const into = (layer) => `^(\\$lib/|(\\.\\./)+(lib/)?)${layer}(/|$)`;
const SERVER = {
	regex: into('server'),
	message: 'server/ is for server code only (*.server.ts, +server.ts, hooks.server.ts, server/).'
};
const APP_CODE = {
	regex: '^(\\$lib/|\\$app/|\\.\\./)',
	message: 'types, config and time import no app code.'
};
const UI_LIBRARIES = {
	group: ['svelte', 'svelte/*', 'maplibre-gl', '@deck.gl/*', '$app/*'],
	message: 'geo and coverage run in plain Node and Web Workers: geometry libraries only.'
};
const NO_FEATURES = { regex: into('features'), message: 'Only routes and features import features.' };
const FEATURES = readdirSync('src/lib/features', { withFileTypes: true })
	.filter((d) => d.isDirectory())
	.map((d) => d.name);
const restrict = (files, patterns, extra = {}) => ({
	files,
	...extra,
	rules: { 'no-restricted-imports': ['error', { patterns }] }
});

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', '.data/', 'node_modules/', 'test-results/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// replaceState only rewrites the current page's query (shared map views); links and
			// goto still must go through resolve()
			'svelte/no-navigation-without-resolve': ['error', { ignoreReplaceState: true }]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	restrict(['src/**/*.ts', 'src/**/*.svelte'], [SERVER], {
		// app.d.ts only names the server's types for App.Locals
		ignores: ['src/lib/server/**', 'src/**/*.server.ts', 'src/routes/**/+server.ts', 'src/app.d.ts']
	}),
	restrict(['src/lib/types/**', 'src/lib/config/**', 'src/lib/time/**'], [APP_CODE]),
	restrict(
		['src/lib/geo/**'],
		[{ regex: '^(\\$lib/|(\\.\\./)+)(?!types/)', message: 'geo imports only types.' }, UI_LIBRARIES]
	),
	restrict(
		['src/lib/coverage/**'],
		[
			{ regex: '^(\\$lib/|(\\.\\./)+)(?!(types|geo)/)', message: 'coverage imports only geo and types.' },
			UI_LIBRARIES
		]
	),
	restrict(['src/lib/map/**', 'src/lib/api/**'], [SERVER, NO_FEATURES]),
	...FEATURES.map((feature) =>
		restrict(
			[`src/lib/features/${feature}/**`],
			[
				SERVER,
				{
					regex: `^(\\$lib/features/|\\.\\./\\.\\./features/|\\.\\./(?!\\.\\./))(?!${feature}/)`,
					message: 'A feature never imports another feature: move what they share down a layer.'
				}
			]
		)
	)
);
