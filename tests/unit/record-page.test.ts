// The visit recorder's logic without a phone: the team's blocks load, a visit saved offline waits
// on the phone and shows at once, and goes out once when the network is back.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/lib/api/request.ts';
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
	removeItem(key: string): void {
		this.items.delete(key);
	}
	get length(): number {
		return this.items.size;
	}
	key(i: number): string | null {
		return [...this.items.keys()][i] ?? null;
	}
}

const OFFICER = { id: '00000000-0000-4000-8000-0000000000a1', name: '张警官' };
const HEAD = { id: '00000000-0000-4000-8000-0000000000b2', name: '王所长' };

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
		const rec = new RecordPage(5, api, new MemoryStorage(), OFFICER);
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
		const rec = new RecordPage(5, api, storage, OFFICER);
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
		expect(new RecordPage(5, api, storage, OFFICER).pending).toBe(1);

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
		expect(sent[0][0].recorded_by).toBe(OFFICER.id);
	});

	it('never sends one account’s queued visits when another signs in on the same phone', async () => {
		const { api, sent } = fakeApi();
		const storage = new MemoryStorage();
		const officer = new RecordPage(5, api, storage, OFFICER);
		await officer.start(progress);
		officer.online = false;
		for (const id of [11, 12, 13]) {
			officer.choose(id);
			await officer.save();
		}
		expect(officer.pending).toBe(3);
		// the officer signs out; the head signs in on the same browser, online
		const head = new RecordPage(5, api, storage, HEAD);
		await head.flush();
		expect(sent).toEqual([]);
		expect(head.pending).toBe(0);
		expect(head.others).toEqual([{ owner: OFFICER, pending: 3 }]);
		// the officer again: all three, once, as theirs
		const again = new RecordPage(5, api, storage, OFFICER);
		await again.flush();
		await again.flush();
		expect(sent.flat().map((v) => v.recorded_by)).toEqual([OFFICER.id, OFFICER.id, OFFICER.id]);
		expect(again.pending).toBe(0);
		expect(again.notice).toBe('已上传 3 条');
	});

	it('shows a batch the server refuses as a whole, with its reason, instead of retrying it forever', async () => {
		const storage = new MemoryStorage();
		let calls = 0;
		const api: RecordApi = {
			households: async () => homes(),
			send: async () => {
				calls++;
				throw new ApiError(403, 'visit_not_allowed');
			}
		};
		const rec = new RecordPage(5, api, storage, OFFICER);
		await rec.start(progress);
		rec.choose(12);
		await rec.save();
		expect(calls).toBe(1);
		expect(rec.pending).toBe(0);
		expect(rec.refused.map((r) => r.reason)).toEqual(['visit_not_allowed']);
		expect(rec.failure).toBe('1 条走访未被接受，见下方列表');
		await rec.flush();
		expect(calls).toBe(1);
	});

	it('keeps a batch queued when the network or the session is lost, and counts duplicates as sent', async () => {
		const storage = new MemoryStorage();
		let answer: () => Promise<RecordResult> = async () => {
			throw new ApiError(0, 'network');
		};
		const api: RecordApi = { households: async () => homes(), send: () => answer() };
		const rec = new RecordPage(5, api, storage, OFFICER);
		await rec.start(progress);
		rec.choose(12);
		await rec.save();
		expect(rec.pending).toBe(1);
		// no answer at all: offline, whatever the browser said
		expect(rec.online).toBe(false);
		expect(rec.notice).toBe('已保存在本机，联网后自动上传');
		answer = async () => {
			throw new ApiError(401, 'sign_in_required');
		};
		await rec.flush(true);
		expect(rec.pending).toBe(1);
		expect(rec.refused).toEqual([]);
		// stored already (its answer was lost before): a duplicate is an upload
		answer = async () => ({ ok: true, accepted: 0, duplicates: 1, rejected: [] });
		await rec.flush(true);
		expect(rec.pending).toBe(0);
		expect(rec.notice).toBe('已上传 1 条');
	});
});
