// Message lookup with {name} placeholders. Pure: the locale is passed in, so it runs in tests,
// on the server and in the browser alike.
import { en } from './messages/en.ts';
import { zhCN } from './messages/zh-CN.ts';

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

const CATALOGUES: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

export function isLocale(value: unknown): value is Locale {
	return (LOCALES as readonly unknown[]).includes(value);
}

export function isMessageKey(value: string): value is MessageKey {
	return value in zhCN;
}

export type MessageParams = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
	const text = CATALOGUES[locale][key] ?? zhCN[key];
	return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Numbers as the locale writes them (thousands separators). */
export function formatNumber(locale: Locale, value: number, digits = 0): string {
	return value.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function formatShare(locale: Locale, share: number): string {
	return share.toLocaleString(locale, { style: 'percent', maximumFractionDigits: 1 });
}
