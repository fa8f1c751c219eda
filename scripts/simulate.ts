// `npm run simulate -- [--url http://127.0.0.1:3000] [--speed 300] [--minutes 0]`: feeds a live
// stream into the running demo so a command room can be shown alive: incidents by hour of day
// and category (their status moving on as officers handle them), officers walking patrols.
// `--speed` is simulated seconds per real second; `--minutes 0` runs until Ctrl-C.
import { parseArgs } from 'node:util';
import { chinaHour } from '../src/lib/time/china-time.ts';
import type { IncidentColumns, OfficerColumns } from '../src/lib/types/layers.ts';
import type { IncidentStatus } from '../src/lib/types/domain.ts';
import type { Pt } from './demo/geometry.ts';
import { Rng } from './demo/random.ts';
import { ApiSession } from './simulate/api-session.ts';
import { draftIncident, expectedIncidents, poisson } from './simulate/incident-stream.ts';
import { patrolStep, patrollers } from './simulate/patrol.ts';

const { values } = parseArgs({
	options: {
		url: {
			type: 'string',
			default: process.env.SIMULATE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`
		},
		speed: { type: 'string', default: '300' },
		minutes: { type: 'string', default: '0' },
		seed: { type: 'string', default: String(Date.now() % 100000) }
	}
});
const url = values.url!.replace(/\/$/, '');
const speed = Math.max(1, Number(values.speed) || 300);
const stopAt = Number(values.minutes) > 0 ? Date.now() + Number(values.minutes) * 60_000 : Infinity;
const rng = new Rng(Number(values.seed), 'simulate');
const log = (line: string) => process.stderr.write(`${line}\n`);

/** simulated minutes from one status to the next */
const STEP_MINUTES: Partial<Record<IncidentStatus, number>> = { new: 3, dispatched: 12, on_scene: 40 };
const NEXT: Partial<Record<IncidentStatus, IncidentStatus>> = {
	new: 'dispatched',
	dispatched: 'on_scene',
	on_scene: 'closed'
};

const command = await ApiSession.signIn(url, 'command@demo.local');
const gateway = await ApiSession.signIn(url, 'admin@demo.local');
const officers = await command.request<OfficerColumns>('GET', '/api/layers/officers');
const past = await command.request<IncidentColumns>('GET', '/api/layers/incidents');
const perDay = Math.max(20, past.id.length / 30);
const places: Pt[] = past.position.length > 0 ? past.position : officers.position;
// a third of the officers and auxiliaries are out on patrol; assistants stay in their villages
const onPatrol = officers.id
	.map((_, i) => i)
	.filter((i) => officers.kind[i] !== 'assistant' && rng.chance(0.3));
const walkers = patrollers(
	onPatrol.map((i) => officers.id[i]),
	onPatrol.map((i) => officers.position[i])
);
log(
	`simulating ${url}: ${walkers.length} officers on patrol, ~${Math.round(perDay)} incidents a day, ×${speed}`
);

interface Open {
	id: number;
	code: string;
	category: string;
	status: IncidentStatus;
	due: number;
}
const open: Open[] = [];
let simTime = Date.now();
let written = 0;
let moved = 0;
let running = true;
process.on('SIGINT', () => (running = false));
process.on('SIGTERM', () => (running = false));

while (running && Date.now() < stopAt) {
	const tickStart = Date.now();
	simTime += 1000 * speed;
	const hour = chinaHour(simTime);
	try {
		for (let n = poisson(expectedIncidents(perDay, hour, speed), rng); n > 0; n--) {
			const created = await command.request<{
				id: number;
				code: string;
				category: string;
				status: IncidentStatus;
			}>('POST', '/api/incidents', draftIncident(places, rng));
			open.push({ ...created, due: simTime + (STEP_MINUTES.new ?? 3) * 60_000 });
			written++;
		}
		for (const incident of open.filter((o) => o.due <= simTime)) {
			const status = NEXT[incident.status]!;
			const mediation =
				status === 'closed' && incident.category === 'dispute'
					? rng.chance(0.9)
						? 'mediated'
						: 'unresolved'
					: undefined;
			await command.request('POST', `/api/incidents/${incident.id}/status`, {
				status,
				expected: incident.status,
				mediation
			});
			incident.status = status;
			incident.due = simTime + (STEP_MINUTES[status] ?? 0) * 60_000 * rng.range(0.5, 1.5);
			written++;
		}
		for (let i = open.length - 1; i >= 0; i--) if (open[i].status === 'closed') open.splice(i, 1);
		// each patrol device reports every ten seconds or so (real time, whatever the speed)
		const steps = patrolStep(walkers, 0.1, 40, rng);
		if (steps.length > 0) {
			await gateway.request('POST', '/api/officers/positions', {
				ids: steps.map((p) => p.id),
				lons: steps.map((p) => p.at[0]),
				lats: steps.map((p) => p.at[1])
			});
			moved += steps.length;
		}
	} catch (e) {
		log(`(retrying) ${e instanceof Error ? e.message : String(e)}`);
	}
	if (Math.round(simTime / 1000) % 600 < speed)
		log(`${new Date(simTime).toISOString()}: ${written} incident writes, ${moved} moves`);
	await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - tickStart))));
}
log(`stopped: ${written} incident writes, ${moved} officer moves`);
