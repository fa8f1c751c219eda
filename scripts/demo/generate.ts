// The demo data generator: a pure function of (scale, seed, now, campaign effect), so the same
// inputs always give byte-identical rows and everyone generating on the same day sees the same data.
import type { DemoData, DemoScale, IncidentRow } from '../../src/lib/types/domain.ts';
import { buildAssignments } from './assignments.ts';
import { buildCampaign } from './campaign.ts';
import { firstVisitDays, thinFraud } from './campaign-effect.ts';
import { demoAnchor, iso } from './calendar.ts';
import { buildHouseholds } from './households.ts';
import { drawIncidents, numberIncidents } from './incidents.ts';
import { buildKeyUnits } from './key-units.ts';
import { buildPlaces } from './places.ts';
import { buildPolicing } from './policing.ts';
import { Rng } from './random.ts';
import { scaleParams } from './scales.ts';

export interface GenerateOptions {
	scale: DemoScale;
	/** default 1 */
	seed?: number;
	/** the instant the data is anchored to; default the top of the current hour */
	now?: Date;
	/**
	 * The relative change in fraud incidents in each grid the campaign reached, from the China day
	 * of its first visit on, within -1..0: default -0.3 (a modest effect for the demo to show);
	 * 0 gives the data without an effect.
	 */
	campaignEffect?: number;
}

export const DEFAULT_CAMPAIGN_EFFECT = -0.3;

export interface Generated {
	data: DemoData;
	/** the fraud incidents the campaign effect took away, as they would have been (no id, code) */
	prevented: Omit<IncidentRow, 'id' | 'code'>[];
}

export function generate(opts: GenerateOptions): DemoData {
	return generateDetailed(opts).data;
}

/** The demo data and what the campaign's known effect removed from it (to check the analysis). */
export function generateDetailed(opts: GenerateOptions): Generated {
	const seed = opts.seed ?? 1;
	// the clock is read only to pick the default day; everything below depends on nowMs
	const nowMs = (opts.now ?? demoAnchor(new Date())).getTime();
	const params = scaleParams(opts.scale);
	const rng = new Rng(seed, opts.scale);

	const places = buildPlaces(params, rng.fork('places'));
	const homes = buildHouseholds(places, rng.fork('households'), nowMs);
	const policing = buildPolicing(params, places, homes, rng.fork('policing'));
	const assignments = buildAssignments(places, policing, nowMs, rng.fork('assignments'));
	// the campaign before the incidents, whose fraud it thins (forks are independent: order is free)
	const campaign = buildCampaign(places, homes, nowMs, rng.fork('campaign'));
	const drafts = drawIncidents(places, homes, params.incidents, nowMs, rng.fork('incidents'));
	const { kept, prevented } = thinFraud(
		drafts,
		firstVisitDays(campaign.visits, homes.rows),
		opts.campaignEffect ?? DEFAULT_CAMPAIGN_EFFECT,
		rng.fork('campaign-effect')
	);
	const incidents = numberIncidents(places, kept);
	const keyUnits = buildKeyUnits(places, homes, policing, params.keyUnits, rng.fork('key-units'));

	const data: DemoData = {
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
	return { data, prevented: prevented.map((d) => d.row) };
}
