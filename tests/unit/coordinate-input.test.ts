// Typed coordinates: formats, swapped latitude/longitude, outside China, GCJ-02 and BD-09.
import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { readCoordinates } from '../../src/lib/features/incidents/coordinate-input.ts';
import { distanceKm } from '../../src/lib/features/assignments/suggest.ts';

// 遂昌县城 in WGS84
const WGS: [number, number] = [119.2748, 28.5923];

describe('readCoordinates', () => {
	it('reads the usual ways people write a point', () => {
		for (const text of ['119.2748, 28.5923', '119.2748，28.5923', ' 119.2748 28.5923 ', '119.2748;28.5923']) {
			expect(readCoordinates(text, 'wgs84')).toEqual({ ok: true, position: WGS, swapped: false });
		}
	});

	it('notices latitude written first', () => {
		expect(readCoordinates('28.5923, 119.2748', 'wgs84')).toEqual({ ok: true, position: WGS, swapped: true });
	});

	it('refuses what is not a point in China', () => {
		expect(readCoordinates('119.2748', 'wgs84')).toEqual({ ok: false, reason: 'format' });
		expect(readCoordinates('abc, 28', 'wgs84')).toEqual({ ok: false, reason: 'format' });
		expect(readCoordinates('2.35, 48.85', 'wgs84')).toEqual({ ok: false, reason: 'outside_china' });
	});

	it('converts GCJ-02 and BD-09 back to WGS84 within a metre', () => {
		const gcj = gcoord.transform(WGS, gcoord.WGS84, gcoord.GCJ02) as [number, number];
		const bd = gcoord.transform(WGS, gcoord.WGS84, gcoord.BD09) as [number, number];
		// the vendor offset is hundreds of metres: converting matters
		expect(distanceKm(gcj, WGS) * 1000).toBeGreaterThan(200);
		const fromGcj = readCoordinates(`${gcj[0]}, ${gcj[1]}`, 'gcj02');
		const fromBd = readCoordinates(`${bd[0]}, ${bd[1]}`, 'bd09');
		if (!fromGcj.ok || !fromBd.ok) throw new Error('not read');
		expect(distanceKm(fromGcj.position, WGS) * 1000).toBeLessThan(1);
		expect(distanceKm(fromBd.position, WGS) * 1000).toBeLessThan(1);
	});
});
