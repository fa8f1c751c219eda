// The visit recorder's logic without a phone: the team's blocks load, a visit saved offline waits
// on the phone and shows at once, and goes out once when the network is back.
import { describe, expect, it } from 'vitest';
import type {
	BlockHouseholds,
	CampaignProgress,
	RecordResult,
	VisitInput
} from '../../src/lib/features/campaigns/campaign-types.ts';
import {
	RecordPage,
	type RecordApi
} from '../../src/routes/(app)/campaigns/[id]/record/record-page.svelte.ts';

class MemoryStorage {
	private items = new Map<string, string>();
	getItem(key: string): string | null {
		return this.items.get(key) ?? null;
	}
	setItem(key: string, value: string): void {
		this.items.set(key, value);
	}
}

const homes = (): BlockHouseholds => ({
	id: [11, 12, 13],
	address: ['一号', '二号', '三号'],
	lon: [119.1, 119.2, 119.3],
	lat: [28.5, 28.5, 28.5],
	block_id: [7, 7, 8],
	vulnerable: [false, true, false],
	state: ['none', 'none', 'visited'],
	last_visit_at: [null, null, '2026-12-01T00:00:00Z']
});

function fakeApi() {
	const sent: VisitInput[][] = [];
	const asked: number[][] = [];
	const api: RecordApi = {
		households: async (blocks) => (asked.push(blocks), homes()),
		send: async (batch): Promise<RecordResult> => {
			sent.push(batch);
			return { ok: true, accepted: batch.length, duplicates: 0, rejected: [] };
		}
	};
	return { api, sent, asked };
}

const progress = {
	campaign: {
		id: 5,
		name: '冬季敲门',
		topics: ['anti_fraud'],
		starts_on: '',
		ends_on: '',
		target_share: 0.9
	},
	blocks: [
		{ id: 7, name: '第1区块' },
		{ id: 8, name: '第2区块' }
	],
	teams: [{ id: 3, name: '一组', blocks: [8] }],
	my_team_id: 3
} as unknown as CampaignProgress;

describe('the visit recorder', () => {
	it("opens on the team's own blocks with the campaign's topics", async () => {
		const { api, asked } = fakeApi();
		const rec = new RecordPage(5, api, new MemoryStorage());
		await rec.start(progress);
		expect(asked).toEqual([[8]]);
		expect(rec.blocks).toEqual([8]);
		expect(rec.topics).toEqual(['anti_fraud']);
		expect(rec.counts).toEqual({ none: 2, visited: 1, nobody_home: 0, refused: 0 });
		// the next doors are the unvisited ones
		expect(rec.next.map((n) => n.index)).toEqual([0, 1]);
	});

	it('keeps a visit saved offline on the phone, shows it, and sends it once when back online', async () => {
		const { api, sent } = fakeApi();
		const storage = new MemoryStorage();
		const rec = new RecordPage(5, api, storage);
		await rec.start(progress);
		rec.online = false;
		rec.choose(12);
		rec.kind = 'auxiliary';
		rec.outcome = 'nobody_home';
		await rec.save();
		expect(sent).toEqual([]);
		expect(rec.pending).toBe(1);
		expect(rec.selected).toBeNull();
		expect(rec.homes?.state[1]).toBe('nobody_home');
		expect(rec.counts.nobody_home).toBe(1);
		// the phone remembers who knocks, and a reload still holds the visit
		expect(storage.getItem('gpm.visitor_kind')).toBe('auxiliary');
		expect(new RecordPage(5, api, storage).pending).toBe(1);

		rec.online = true;
		await rec.flush();
		await rec.flush();
		expect(sent).toHaveLength(1);
		expect(sent[0][0]).toMatchObject({
			household_id: 12,
			outcome: 'nobody_home',
			visitor_kind: 'auxiliary',
			topics: []
		});
		expect(rec.pending).toBe(0);
	});
});
