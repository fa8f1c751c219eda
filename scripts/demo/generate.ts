// The demo data generator: a pure function of (scale, seed, now), so the same inputs always give
// byte-identical rows and everyone generating on the same day sees the same data.
import type { DemoData, DemoScale } from '../../src/lib/types/domain.ts';
import { buildAssignments } from './assignments.ts';
import { buildCampaign } from './campaign.ts';
import { chinaMorning, iso } from './calendar.ts';
import { buildHouseholds } from './households.ts';
import { buildIncidents } from './incidents.ts';
import { buildKeyUnits } from './key-units.ts';
import { buildPlaces } from './places.ts';
import { buildPolicing } from './policing.ts';
import { Rng } from './random.ts';
import { scaleParams } from './scales.ts';

export interface GenerateOptions {
	scale: DemoScale;
	/** default 1 */
	seed?: number;
	/** the instant the data is anchored to; default today 08:00 China time */
	now?: Date;
}

export function generate(opts: GenerateOptions): DemoData {
	const seed = opts.seed ?? 1;
	// the clock is read only to pick the default day; everything below depends on nowMs
	const nowMs = (opts.now ?? chinaMorning(new Date())).getTime();
	const params = scaleParams(opts.scale);
	const rng = new Rng(seed, opts.scale);

	const places = buildPlaces(params, rng.fork('places'));
	const homes = buildHouseholds(places, rng.fork('households'), nowMs);
	const policing = buildPolicing(params, places, homes, rng.fork('policing'));
	const assignments = buildAssignments(places, policing, nowMs, rng.fork('assignments'));
	const incidents = buildIncidents(places, homes, params.incidents, nowMs, rng.fork('incidents'));
	const campaign = buildCampaign(places, homes, nowMs, rng.fork('campaign'));
	const keyUnits = buildKeyUnits(places, homes, policing, params.keyUnits, rng.fork('key-units'));

	return {
		scale: opts.scale,
		seed,
		now: iso(nowMs),
		counties: places.counties.map((c) => c.row),
		townships: places.townships.map((t) => t.row),
		stations: policing.stations.map((s) => s.row),
		villages: places.villages.map((v) => v.row),
		grids: places.grids.map((g) => g.row),
		posts: policing.posts,
		officers: policing.officers,
		households: homes.rows,
		assignments,
		incidents,
		campaigns: campaign.campaigns,
		campaign_blocks: campaign.blocks,
		campaign_visits: campaign.visits,
		key_units: keyUnits
	};
}
