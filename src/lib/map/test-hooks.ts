// What the map page tells the browser tests and the benchmark (window.__gpm): whether every
// layer has drawn, how many features each holds, how many deck.gl layers are live, and any
// error the page met. Reading pixels alone cannot tell "drew nothing" from "drew late".

export interface MapHooks {
	ready: boolean;
	features: Record<string, number>;
	deckLayers: number;
	errors: string[];
}

export function mapHooks(): MapHooks {
	const w = window as unknown as { __gpm?: MapHooks };
	w.__gpm ??= { ready: false, features: {}, deckLayers: 0, errors: [] };
	return w.__gpm;
}
