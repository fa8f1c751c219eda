import { describe, expect, it } from 'vitest';
import { OUTCOME_ZH } from '../../src/lib/features/campaigns/visit-csv.ts';
import { en } from '../../src/lib/i18n/messages/en.ts';
import { zhCN } from '../../src/lib/i18n/messages/zh-CN.ts';
import { translate } from '../../src/lib/i18n/translate.ts';
import { CAMPAIGN_TOPICS, VISIT_OUTCOMES, VISITOR_KINDS } from '../../src/lib/types/domain.ts';

describe('messages', () => {
	it('has every Chinese key in English with the same placeholders', () => {
		const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const [key, zh] of Object.entries(zhCN)) {
			const english = en[key as keyof typeof en];
			expect(english, key).toBeTruthy();
			expect(placeholders(english), key).toEqual(placeholders(zh));
		}
		expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
	});

	it('names each value of a domain list by the value itself, one vocabulary with SQL and domain.ts', () => {
		const keys = new Set(Object.keys(zhCN));
		for (const [prefix, values] of [
			['visit_outcome', VISIT_OUTCOMES],
			['topic', CAMPAIGN_TOPICS],
			['visitor', VISITOR_KINDS]
		] as const) {
			for (const v of values) expect(keys.has(`${prefix}.${v}`), `${prefix}.${v}`).toBe(true);
			expect([...keys].filter((k) => k.startsWith(`${prefix}.`)).sort()).toEqual(
				values.map((v) => `${prefix}.${v}`).sort()
			);
		}
		// the visit import takes the Chinese words the UI shows for the outcomes
		expect(OUTCOME_ZH).toEqual(
			Object.fromEntries(VISIT_OUTCOMES.map((o) => [zhCN[`visit_outcome.${o}` as keyof typeof zhCN], o]))
		);
	});

	it('fills placeholders and leaves unknown ones visible', () => {
		expect(translate('zh-CN', 'tooltip.households', { n: '1,204' })).toBe('1,204 户');
		expect(translate('en', 'tooltip.households', { n: 3 })).toBe('3 households');
		expect(translate('en', 'tooltip.households')).toBe('{n} households');
	});
});

describe('errorMessage', () => {
	it('translates a known message key, keeps an unknown one, and falls back to the text', async () => {
		const { errorMessage } = await import('../../src/lib/i18n/error-message.ts');
		expect(errorMessage({ key: 'assignment_conflict' })).toBe('该网格刚被他人修改，请刷新后重试');
		expect(errorMessage({ key: 'something_new' })).toBe('something_new');
		expect(errorMessage(new Error('boom'))).toBe('boom');
	});
});
