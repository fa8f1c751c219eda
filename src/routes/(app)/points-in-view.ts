// A tiled overview's officers and posts: only those around the view, from POINTS_MIN_ZOOM. A view
// inside the box loaded last asks for nothing; one leaving it asks for a box a quarter of a view
// wider on each side, so a short pan needs no request.
import { boxHolds, viewBox, type LonLatBox } from '$lib/geo/tile-coordinates';
import type { MapView } from '$lib/map/url-state';
import { POINTS_MIN_ZOOM } from '$lib/types/tiles';

/** how much wider than the view the box loaded is */
export const POINTS_MARGIN = 1.5;

export class PointsInView {
	#loaded: LonLatBox | null = null;

	/** The box to load for this view (`width`×`height` CSS pixels), or null when none is needed. */
	next(view: MapView, width: number, height: number): LonLatBox | null {
		if (view.zoom < POINTS_MIN_ZOOM) return null;
		if (this.#loaded && boxHolds(this.#loaded, viewBox(view.center, view.zoom, width, height))) return null;
		this.#loaded = viewBox(view.center, view.zoom, width * POINTS_MARGIN, height * POINTS_MARGIN);
		return this.#loaded;
	}

	/** Forgets the loaded box: the next view asks again (after a failed load). */
	forget(): void {
		this.#loaded = null;
	}
}
