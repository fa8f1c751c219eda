// What a map page tells whoever watches it (the browser tests, the benchmark, a supervisor's
// tooling): whether every layer has drawn, how many features each holds, how many deck.gl layers
// are live, and any error the page met. MapCanvas writes it onto its container as data
// attributes, so nothing hangs off `window`; reading pixels alone cannot tell "drew nothing"
// from "drew late".
import type { MapView } from './url-state.ts';

export class MapStatus {
	ready = $state(false);
	features = $state.raw<Record<string, number>>({});
	deckLayers = $state(0);
	errors = $state.raw<string[]>([]);
	/** the grid-colour version the last painted frame showed (bumped by each assignment) */
	gridVersion = $state(0);
	/** page time (performance.now) of the frame that showed that version */
	paintedAt = $state(0);
	/** the camera as last reported, for tests that click map positions */
	view = $state.raw<MapView | null>(null);
	/** between the camera's movestart and moveend (a fit, a fly, a drag): `view` is not current */
	moving = $state(false);

	error(message: string): void {
		this.errors = [...this.errors, message];
	}

	/** The data attributes MapCanvas puts on its container. */
	get attributes(): Record<string, string> {
		return {
			'data-ready': String(this.ready),
			'data-feature-counts': JSON.stringify(this.features),
			'data-deck-layers': String(this.deckLayers),
			'data-errors': JSON.stringify(this.errors),
			'data-grid-version': String(this.gridVersion),
			'data-painted-at': String(this.paintedAt),
			'data-moving': String(this.moving),
			...(this.view ? { 'data-view': JSON.stringify(this.view) } : {})
		};
	}
}
