// The basemap a map page draws: the style (null while a PMTiles header or the protocol loads),
// a failure that fell back to the offline style, and the shift the data need to line up with it.
import type { StyleSpecification } from 'maplibre-gl';
import { effectiveBasemap, type BasemapSetting } from './basemap-setting.ts';
import { basemapStyle } from './basemap-style.ts';
import { toGcj02, wgs84Position } from './gcj02.ts';
import { offlineStyle } from './offline-style.ts';

export class Basemap {
	style = $state.raw<StyleSpecification | string | null>(null);
	/** why the chosen basemap could not be used (the offline one is drawn instead) */
	failure = $state<string | null>(null);
	readonly setting: BasemapSetting;
	/** the data are WGS84; a GCJ-02 basemap needs them shifted */
	readonly gcj02: boolean;

	/**
	 * `builtIn` draws the offline kind: the command room's wall passes its night style, so its
	 * default stays dark while a user's own choice still wins.
	 */
	constructor(
		own: BasemapSetting | null,
		stationStyleUrl: string | null,
		origin: string,
		builtIn: (origin: string) => StyleSpecification = offlineStyle
	) {
		this.setting = effectiveBasemap(own, stationStyleUrl);
		this.gcj02 = this.setting.kind === 'xyz_gcj02';
		const style = this.setting.kind === 'offline' ? builtIn(origin) : basemapStyle(this.setting, origin);
		if (style instanceof Promise)
			style.then(
				(s) => (this.style = s),
				(e: unknown) => {
					this.failure = e instanceof Error ? e.message : String(e);
					this.style = builtIn(origin);
				}
			);
		else this.style = style;
	}

	/** Data for deck.gl, in the basemap's coordinates. */
	shift<T>(data: T): T {
		return this.gcj02 ? toGcj02(data) : data;
	}

	/** A point picked on the map (a click), back in the data's WGS84. */
	toData(p: [number, number]): [number, number] {
		return this.gcj02 ? wgs84Position(p) : p;
	}
}
