import { describe, expect, it } from 'vitest';
import { parseUrlState, withUrlState } from '../../src/lib/map/url-state.ts';

const LAYERS = ['grids', 'incidents', 'villages'] as const;
const KINDS = ['grid', 'village'];

describe('map state in the URL', () => {
	it('writes a readable link and reads the same state back', () => {
		const url = withUrlState(new URL('http://x/?keep=1'), {
			view: { zoom: 13, center: [119.270004, 28.59] },
			layers: ['grids', 'incidents'],
			selection: { kind: 'grid', id: 12 }
		});
		expect(url.search).toBe('?keep=1&z=13&c=119.27,28.59&layers=grids,incidents&sel=grid:12');
		expect(parseUrlState(url.searchParams, LAYERS, KINDS)).toEqual({
			view: { zoom: 13, center: [119.27, 28.59] },
			layers: ['grids', 'incidents'],
			selection: { kind: 'grid', id: 12 }
		});
	});

	it('drops what it does not know instead of failing', () => {
		const state = parseUrlState(
			new URLSearchParams('z=99&c=119,28&layers=grids,secrets&sel=officer:3'),
			LAYERS,
			KINDS
		);
		expect(state).toEqual({ view: null, layers: ['grids'], selection: null });
		expect(parseUrlState(new URLSearchParams('z=12&c=200,28&sel=grid:-4'), LAYERS, KINDS)).toEqual({
			view: null,
			layers: null,
			selection: null
		});
	});

	it('removes the selection and the layer list when they are cleared', () => {
		const url = withUrlState(new URL('http://x/?z=3&c=1,2&layers=grids&sel=village:5'), {
			view: null,
			layers: null,
			selection: null
		});
		expect(url.search).toBe('?z=3&c=1,2');
	});
});
