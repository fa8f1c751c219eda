// The field page's pure parts: the offline outbox (nothing lost, nothing sent twice, refusals
// kept with their reason), the nearest doors still to knock, distance flags, the progress series
// and the CSV import's row-by-row checks.
import { describe, expect, it } from 'vitest';
import type {
	BlockHouseholds,
	RecordResult,
	VisitInput
} from '../../src/lib/features/campaigns/campaign-types.ts';
import { distanceFlag, nearestUnvisited } from '../../src/lib/features/campaigns/nearest.ts';
import { progressSeries, share } from '../../src/lib/features/campaigns/progress-series.ts';
import writeXlsxFile from 'write-excel-file/universal';
import { contentKey, visitsFromCsv, visitsFromXlsx } from '../../src/lib/features/campaigns/visit-csv.ts';
import { parseCsv } from '../../src/lib/formats/csv.ts';
import {
	BatchRefused,
	VisitQueue,
	queuedByOwner,
	visitKey,
	type QueueStorage
} from '../../src/lib/features/campaigns/visit-queue.ts';

function memory(): QueueStorage & { data: Map<string, string> } {
	const data = new Map<string, string>();
	return {
		data,
		getItem: (k) => data.get(k) ?? null,
		setItem: (k, v) => void data.set(k, v),
		removeItem: (k) => void data.delete(k),
		get length() {
			return data.size;
		},
		key: (i) => [...data.keys()][i] ?? null
	};
}
const OWNER = { id: '00000000-0000-4000-8000-0000000000a1', name: '张警官' };
const OTHER = { id: '00000000-0000-4000-8000-0000000000b2', name: '王所长' };

let n = 0;
const visit = (household_id: number): VisitInput => ({
	client_key: visitKey(),
	household_id,
	visited_at: new Date(Date.UTC(2026, 10, 20, 2, n++)).toISOString(),
	outcome: 'visited',
	visitor_kind: 'volunteer',
	topics: ['anti_fraud'],
	fraud_risk_found: false,
	money_protected: 0,
	dispute_found: false,
	fire_hazard_found: false
});

/** A server that stores each key once, like the unique index does. */
function server(refuse: Set<number> = new Set()) {
	const stored = new Map<string, VisitInput>();
	let online = true;
	let loseAnswers = false;
	return {
		stored,
		setOnline: (v: boolean) => (online = v),
		setLoseAnswers: (v: boolean) => (loseAnswers = v),
		async send(batch: VisitInput[]): Promise<RecordResult> {
			if (!online) throw new Error('network');
			const r: RecordResult = { ok: true, accepted: 0, duplicates: 0, rejected: [] };
			batch.forEach((v, i) => {
				if (refuse.has(v.household_id))
					r.rejected.push({
						row: i + 1,
						client_key: v.client_key,
						household_id: v.household_id,
						reason: 'visit_outside_campaign'
					});
				else if (stored.has(v.client_key)) r.duplicates++;
				else {
					stored.set(v.client_key, v);
					r.accepted++;
				}
			});
			if (loseAnswers) throw new Error('network');
			return r;
		}
	};
}

describe('VisitQueue', () => {
	it('keeps visits recorded offline and sends each exactly once when back online', async () => {
		const storage = memory();
		const q = new VisitQueue(storage, 7, OWNER);
		const s = server();
		s.setOnline(false);
		for (let i = 1; i <= 25; i++) q.add(visit(i));
		await expect(q.flush((b) => s.send(b), 10)).rejects.toThrow('network');
		expect(q.pending).toHaveLength(25);
		// the answer to a batch is lost: the visits stay queued and are sent again
		s.setOnline(true);
		s.setLoseAnswers(true);
		await expect(q.flush((b) => s.send(b), 10)).rejects.toThrow('network');
		expect(s.stored.size).toBe(10);
		expect(q.pending).toHaveLength(25);
		s.setLoseAnswers(false);
		// a reload reads the same outbox from storage
		const again = new VisitQueue(storage, 7, OWNER);
		const summary = await again.flush((b) => s.send(b), 10);
		expect(summary).toEqual({ accepted: 15, duplicates: 10, refused: 0 });
		expect(s.stored.size).toBe(25);
		expect(again.pending).toHaveLength(0);
	});

	it('moves refused visits to a list with their reason and joins a flush already running', async () => {
		const q = new VisitQueue(memory(), 1, OWNER);
		const s = server(new Set([2]));
		q.add(visit(1));
		q.add(visit(2));
		const [a, b] = await Promise.all([q.flush((x) => s.send(x)), q.flush((x) => s.send(x))]);
		expect(a).toBe(b);
		expect(a).toEqual({ accepted: 1, duplicates: 0, refused: 1 });
		expect(q.refused.map((r) => [r.visit.household_id, r.reason])).toEqual([[2, 'visit_outside_campaign']]);
		q.dismissRefused();
		expect(q.refused).toEqual([]);
	});

	it('keeps each account’s visits apart on a shared phone, each stamped with its recorder', async () => {
		const storage = memory();
		const mine = new VisitQueue(storage, 3, OWNER);
		mine.add(visit(1));
		mine.add(visit(2));
		const theirs = new VisitQueue(storage, 3, OTHER);
		expect(theirs.pending).toEqual([]);
		const s = server();
		expect(await theirs.flush((b) => s.send(b))).toEqual({ accepted: 0, duplicates: 0, refused: 0 });
		expect(s.stored.size).toBe(0);
		expect(queuedByOwner(storage)).toEqual([{ owner: OWNER, pending: 2 }]);
		await mine.flush((b) => s.send(b));
		expect([...s.stored.values()].map((v) => v.recorded_by)).toEqual([OWNER.id, OWNER.id]);
		expect(queuedByOwner(storage)).toEqual([]);
	});

	it('refuses a whole batch the server will never take, and keeps an old ownerless outbox unsent', async () => {
		const storage = memory();
		storage.setItem('gpm.visits.4', JSON.stringify({ pending: [visit(9)], refused: [] }));
		const q = new VisitQueue(storage, 4, OWNER);
		expect(q.pending).toEqual([]);
		expect(q.refused.map((r) => [r.visit.household_id, r.reason])).toEqual([[9, 'visit_owner_unknown']]);
		expect(storage.getItem('gpm.visits.4')).toBeNull();
		q.add(visit(10));
		const summary = await q.flush(async () => {
			throw new BatchRefused('visit_not_allowed');
		});
		expect(summary).toEqual({ accepted: 0, duplicates: 0, refused: 1 });
		expect(q.pending).toEqual([]);
		expect(q.refused.map((r) => r.reason)).toEqual(['visit_owner_unknown', 'visit_not_allowed']);
	});

	it('makes v4 keys', () => {
		expect(visitKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(visitKey()).not.toBe(visitKey());
	});
});

describe('nearest doors and distance flags', () => {
	const homes: BlockHouseholds = {
		id: [1, 2, 3, 4],
		address: ['a', 'b', 'c', 'd'],
		lon: [119.0, 119.001, 119.002, 119.01],
		lat: [28.0, 28.0, 28.0, 28.0],
		block_id: [1, 1, 1, 1],
		vulnerable: [false, true, false, false],
		state: ['visited', 'none', 'nobody_home', 'refused'],
		last_visit_at: [null, null, null, null]
	};
	it('lists the unvisited households nearest first', () => {
		const near = nearestUnvisited(homes, [119.0, 28.0], 2);
		expect(near.map((x) => homes.id[x.index])).toEqual([2, 3]);
		expect(near[0].distanceM).toBeGreaterThan(95);
		expect(near[0].distanceM).toBeLessThan(100);
	});
	it('flags visits logged over 100 m from the door, red over 300 m', () => {
		expect([null, 40, 100, 101, 300, 301].map(distanceFlag)).toEqual([
			'ok',
			'ok',
			'ok',
			'far',
			'far',
			'very_far'
		]);
	});
});

describe('progress series', () => {
	it('fills every day and accumulates the share reached', () => {
		const series = progressSeries(
			{
				totals: { households: 10 } as never,
				days: [
					{ day: '2026-11-01', visits: 4, newly_visited: 3 },
					{ day: '2026-11-03', visits: 3, newly_visited: 2 }
				]
			},
			'2026-11-01',
			'2026-11-04'
		);
		expect(series.map((d) => [d.day, d.visits, d.share])).toEqual([
			['2026-11-01', 4, 0.3],
			['2026-11-02', 0, 0.3],
			['2026-11-03', 3, 0.5],
			['2026-11-04', 0, 0.5]
		]);
		expect(share(0, 0)).toBe(0);
	});
});

describe('CSV import', () => {
	it('parses quoted fields, a BOM and CRLF', () => {
		expect(parseCsv('\uFEFFa,b\r\n"x, ""y""",2\r\n\r\n')).toEqual([
			['a', 'b'],
			['x, "y"', '2']
		]);
	});
	it('reads Chinese headers and values, reports bad rows by number, keys rows by content', () => {
		const csv = [
			'户编码,走访时间,走访结果,走访人员类别,宣传主题,发现诈骗风险,挽损金额',
			'H001,2026-11-20 09:30,已走访,志愿者,反诈；消防安全,是,5000',
			'H002,2026-11-31 09:30,已走访,志愿者,反诈,否,0',
			'H003,2026-11-20 10:00,无人在家,外星人,,否,0',
			'H004,2026/11/20,拒绝,民警,,maybe,0'
		].join('\n');
		const { visits, errors } = visitsFromCsv(csv);
		expect(errors).toEqual([
			{ row: 2, key: 'visit_time_invalid' },
			{ row: 3, key: 'visitor_kind_invalid' },
			{ row: 4, key: 'visit_flag_invalid' }
		]);
		expect(visits).toHaveLength(1);
		expect(visits[0]).toMatchObject({
			household_code: 'H001',
			visited_at: '2026-11-20T01:30:00.000Z',
			outcome: 'visited',
			visitor_kind: 'volunteer',
			topics: ['anti_fraud', 'fire_safety'],
			fraud_risk_found: true,
			money_protected: 5000
		});
		expect(visitsFromCsv(csv).visits[0].client_key).toBe(visits[0].client_key);
		expect(contentKey('a')).not.toBe(contentKey('b'));
	});
	it('reads the same visits from an Excel sheet, dates typed as dates or as text', async () => {
		const header = ['户编码', '走访时间', '走访结果', '走访人员类别', '宣传主题', '发现诈骗风险', '挽损金额'];
		const blob = await writeXlsxFile(
			[
				header.map((value) => ({ value })),
				[
					{ value: 'H001' },
					// Excel keeps the wall time without a zone; the reader hands it back as UTC
					{ value: new Date(Date.UTC(2026, 10, 20, 9, 30)), format: 'yyyy-mm-dd hh:mm' },
					{ value: '已走访' },
					{ value: '志愿者' },
					{ value: '反诈；消防安全' },
					{ value: '是' },
					{ value: 5000 }
				],
				[
					{ value: 'H002' },
					{ value: '2026-11-31 09:30' },
					{ value: '已走访' },
					{ value: '志愿者' },
					{ value: '' },
					{ value: '否' },
					{ value: 0 }
				]
			],
			{}
		).toBlob();
		const { visits, errors } = await visitsFromXlsx(new Uint8Array(await blob.arrayBuffer()));
		expect(errors).toEqual([{ row: 2, key: 'visit_time_invalid' }]);
		expect(visits[0]).toMatchObject({
			household_code: 'H001',
			visited_at: '2026-11-20T01:30:00.000Z',
			visitor_kind: 'volunteer',
			money_protected: 5000
		});
	});
	it('reads a CSV that Excel saved in GBK as well as UTF-8', () => {
		// 户编码,走访时间,走访人员类别,宣传主题 / H001,2026-11-20 09:30,志愿者,反诈 in GBK
		const gbk = Uint8Array.from(
			Buffer.from(
				'bba7b1e0c2eb2cd7dfb7c3cab1bce42cd7dfb7c3c8cbd4b1c0e0b1f02cd0fbb4abd6f7cce20d0a483030312c323032362d31312d32302030393a33302cd6bed4b8d5df2cb7b4d5a90d0a',
				'hex'
			)
		);
		const utf8 = new TextEncoder().encode(
			'户编码,走访时间,走访人员类别,宣传主题\r\nH001,2026-11-20 09:30,志愿者,反诈\r\n'
		);
		for (const bytes of [gbk, utf8]) {
			const { visits, errors } = visitsFromCsv(bytes);
			expect(errors).toEqual([]);
			expect(visits).toEqual([
				expect.objectContaining({
					household_code: 'H001',
					visited_at: '2026-11-20T01:30:00.000Z',
					visitor_kind: 'volunteer',
					topics: ['anti_fraud']
				})
			]);
		}
	});
	it('names the missing columns', () => {
		expect(visitsFromCsv('走访时间\n2026-11-20').errors.map((e) => e.key)).toEqual([
			'import_missing_household_code',
			'import_missing_visitor_kind'
		]);
	});
});

describe('team members', () => {
	it('reads name,kind lines in Chinese or codes and reports the first bad line', async () => {
		const { parseMembers } = await import('../../src/lib/features/campaigns/visitor-kind.ts');
		expect(parseMembers('张三,志愿者\n\n李四，bank_staff\n王五,妇联')).toEqual({
			members: [
				{ name: '张三', kind: 'volunteer' },
				{ name: '李四', kind: 'bank_staff' },
				{ name: '王五', kind: 'womens_federation' }
			],
			bad: null
		});
		expect(parseMembers('张三,志愿者\n赵六,外星人')).toEqual({
			members: null,
			bad: { line: 2, text: '赵六,外星人' }
		});
	});
});
