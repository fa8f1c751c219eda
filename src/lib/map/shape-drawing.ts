// Drawing one line or one polygon on a MapLibre map with terra-draw (its MapLibre adapter):
// a click adds a point, a click on the last point or Enter finishes, Esc cancels; a point near
// one of the outlines the caller gives snaps onto it. Knows nothing of the domain; the caller
// gets the shape in the map's coordinates (the basemap's, which may be GCJ-02) and converts it.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LineString, Polygon, Position } from 'geojson';
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPolygonMode, type SnapToCustom } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { snapToRings } from './edge-snapping.ts';

export type ShapeKind = 'linestring' | 'polygon';
export type Shape<K extends ShapeKind> = K extends 'linestring' ? LineString : Polygon;

const INK = '#c2410c';

export class ShapeDrawing {
	#draw: TerraDraw;
	#pending: ((shape: LineString | Polygon | null) => void) | null = null;
	/** The outlines the current drawing snaps to, in the map's coordinates. */
	#snapRings: Position[][] = [];

	constructor(map: MapLibreMap) {
		const toCustom: SnapToCustom = (event, context) =>
			snapToRings({ x: event.containerX, y: event.containerY }, this.#snapRings, context.project);
		this.#draw = new TerraDraw({
			adapter: new TerraDrawMapLibreGLAdapter({ map }),
			modes: [
				new TerraDrawLineStringMode({
					snapping: { toCustom },
					styles: { lineStringColor: INK, lineStringWidth: 3, closingPointColor: INK }
				}),
				new TerraDrawPolygonMode({
					snapping: { toCustom },
					styles: {
						fillColor: INK,
						fillOpacity: 0.15,
						outlineColor: INK,
						outlineWidth: 3,
						closingPointColor: INK
					}
				})
			]
		});
		this.#draw.start();
		this.#draw.on('finish', (id) => {
			const feature = this.#draw.getSnapshotFeature(id);
			this.#settle((feature?.geometry as LineString | Polygon | undefined) ?? null);
		});
	}

	get drawing(): boolean {
		return this.#pending !== null;
	}

	/**
	 * Resolves with the finished shape, or null when cancelled (Esc, or another draw begun).
	 * Points placed near `snapTo` (rings in the map's coordinates) land on them.
	 */
	draw<K extends ShapeKind>(kind: K, snapTo: Position[][] = []): Promise<Shape<K> | null> {
		this.#settle(null);
		this.#snapRings = snapTo;
		this.#draw.setMode(kind);
		return new Promise((done) => {
			this.#pending = done as (shape: LineString | Polygon | null) => void;
		});
	}

	cancel(): void {
		this.#settle(null);
	}

	destroy(): void {
		this.#settle(null);
		this.#draw.stop();
	}

	#settle(shape: LineString | Polygon | null): void {
		const done = this.#pending;
		this.#pending = null;
		// the drawn shape is the caller's now; the map shows it through the caller's layers
		this.#draw.clear();
		this.#draw.setMode('static');
		done?.(shape);
	}
}
