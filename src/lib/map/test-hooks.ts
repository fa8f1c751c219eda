// What the map page tells the browser tests and the benchmark (window.__gpm): whether every
// layer has drawn, how many features each holds, how many deck.gl layers are live, and any
// error the page met. Reading pixels alone cannot tell "drew nothing" from "drew late".

export interface MapHooks {
	ready: boolean;
	features: Record<string, number>;
	deckLayers: number;
	errors: string[];
	/** the grid-colour version the last painted frame showed (bumped by each assignment) */
	gridVersion: number;
	/** page time (performance.now) of the frame that showed that version */
	paintedAt: number;
	/** the camera as last reported, on pages whose tests click map positions */
	view?: { center: [number, number]; zoom: number };
}

export function mapHooks(): MapHooks {
	const w = window as unknown as { __gpm?: MapHooks };
	w.__gpm ??= { ready: false, features: {}, deckLayers: 0, errors: [], gridVersion: 0, paintedAt: 0 };
	return w.__gpm;
}
