// One row of the legend: a fill swatch, a dot, a line, a map symbol, or a colour ramp.
import type { MarkerShape } from './marker-shape.ts';

export type LegendItem =
	| {
			kind: 'fill' | 'dot' | 'line';
			label: string;
			colour: string;
			width?: number;
			dashed?: boolean;
			/** a dot's shape; a circle when left out */
			shape?: MarkerShape;
	  }
	| { kind: 'icon'; label: string; src: string }
	| { kind: 'ramp'; label: string; colours: string[]; low: string; high: string };
