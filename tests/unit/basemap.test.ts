// Basemap settings: the form rules (the same as the database's), the station default, the XYZ
// template in MapLibre's terms, the GCJ-02 shift against gcoord, and the report scale bar.
import gcoord from 'gcoord';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { basemapProblem, effectiveBasemap } from '../../src/lib/map/basemap-setting.ts';
import { rasterStyle } from '../../src/lib/map/basemap-style.ts';
import { toGcj02 } from '../../src/lib/map/gcj02.ts';
import { widenPolicy } from '../../src/lib/server/basemap-csp.ts';
import { metresPerPixel, scaleBar } from '../../src/lib/map/map-snapshot.ts';

describe('basemap settings', () => {
	it('says what is wrong with an entry', () => {
		expect(basemapProblem('offline', null)).toBeNull();
		expect(basemapProblem('style', 'http://10.0.0.8/styles/basic.json')).toBeNull();
		expect(basemapProblem('pmtiles', '/basemap/lishui.pmtiles')).toBeNull();
		expect(basemapProblem('xyz_gcj02', 'http://10.0.0.8/t/{z}/{x}/{-y}.png')).toBeNull();
		expect(basemapProblem('vector', 'http://x')).toBe('basemap_kind_invalid');
		expect(basemapProblem('style', '')).toBe('basemap_url_invalid');
		expect(basemapProblem('style', 'file:///etc/passwd')).toBe('basemap_url_invalid');
		expect(basemapProblem('style', '//elsewhere.example/s.json')).toBe('basemap_url_invalid');
		expect(basemapProblem('xyz_gcj02', 'http://x/{z}/{x}.png')).toBe('basemap_template_invalid');
		expect(basemapProblem('xyz_gcj02', 'http://x/{z}/{x}/{y}.png?k={key}')).toBe('basemap_template_invalid');
	});

	it('falls back to the station style, then the offline one', () => {
		const own = { kind: 'pmtiles' as const, url: '/a.pmtiles' };
		expect(effectiveBasemap(own, 'http://s/style.json')).toBe(own);
		expect(effectiveBasemap(null, 'http://s/style.json')).toEqual({
			kind: 'style',
			url: 'http://s/style.json'
		});
		expect(effectiveBasemap(null, null)).toEqual({ kind: 'offline', url: null });
	});

	it('turns a TMS template into MapLibre terms and app paths into our origin', () => {
		const style = rasterStyle('/tiles/{z}/{x}/{-y}.png', 'http://127.0.0.1:3500');
		const source = style.sources.raster as { tiles: string[]; scheme: string };
		expect(source.tiles).toEqual(['http://127.0.0.1:3500/tiles/{z}/{x}/{y}.png']);
		expect(source.scheme).toBe('tms');
	});
});

describe('the GCJ-02 shift', () => {
	const grid: FeatureCollection<MultiPolygon, { id: number }> = {
		type: 'FeatureCollection',
		features: [
			{
				type: 'Feature',
				properties: { id: 7 },
				geometry: {
					type: 'MultiPolygon',
					coordinates: [
						[
							[
								[119.1, 28.5],
								[119.12, 28.5],
								[119.12, 28.52],
								[119.1, 28.5]
							]
						]
					]
				}
			}
		]
	};

	it('moves every vertex exactly as gcoord does, and only copies', () => {
		const shifted = toGcj02(grid);
		const ring = shifted.features[0].geometry.coordinates[0][0];
		grid.features[0].geometry.coordinates[0][0].forEach((p, i) => {
			const expected = gcoord.transform([p[0], p[1]], gcoord.WGS84, gcoord.GCJ02);
			expect(ring[i][0]).toBe(expected[0]);
			expect(ring[i][1]).toBe(expected[1]);
		});
		// about 500 m east and 330 m south around 遂昌
		expect((ring[0][0] - 119.1) * 111_320 * Math.cos((28.5 * Math.PI) / 180)).toBeGreaterThan(400);
		expect((ring[0][1] - 28.5) * 110_540).toBeLessThan(-250);
		expect(grid.features[0].geometry.coordinates[0][0][0]).toEqual([119.1, 28.5]);
		// properties are shared, so in-place recolouring still shows; the copy is remembered
		expect(shifted.features[0].properties).toBe(grid.features[0].properties);
		expect(toGcj02(grid)).toBe(shifted);
	});

	it('shifts point columns and records of layers', () => {
		const record = { grids: grid, officers: { id: [1], name: ['张警官'], position: [[119.2, 28.6]] } };
		const out = toGcj02(record);
		expect(out.grids).toBe(toGcj02(grid));
		expect(out.officers.name).toEqual(['张警官']);
		expect(out.officers.position[0]).toEqual(gcoord.transform([119.2, 28.6], gcoord.WGS84, gcoord.GCJ02));
		expect(toGcj02(null)).toBeNull();
	});
});

describe('the report scale bar', () => {
	it('is a round length that fits', () => {
		const { metres, px } = scaleBar(28.5, 12, 120);
		expect([1, 2, 5].some((k) => [100, 1000, 10000].some((p) => metres === k * p))).toBe(true);
		expect(px).toBeLessThanOrEqual(120);
		expect(px).toBeGreaterThan(40);
		expect(px * metresPerPixel(28.5, 12)).toBeCloseTo(metres, 6);
	});
});

describe('the content security policy for a configured basemap', () => {
	it('opens connect-src and img-src to its origin only', () => {
		const policy =
			"default-src 'self'; img-src 'self' data: blob:; connect-src 'self' data: blob:; script-src 'self'";
		expect(widenPolicy(policy, ['http://10.0.0.8:8080'])).toBe(
			"default-src 'self'; img-src 'self' data: blob: http://10.0.0.8:8080; connect-src 'self' data: blob: http://10.0.0.8:8080; script-src 'self'"
		);
		expect(widenPolicy(policy, [])).toBe(policy);
	});
});
