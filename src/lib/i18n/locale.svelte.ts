// The UI language: zh-CN unless the user picked English, remembered in localStorage and
// mirrored on <html lang> so screen readers and fonts follow.
import {
	DEFAULT_LOCALE,
	formatNumber,
	formatShare,
	isLocale,
	translate,
	type Locale,
	type MessageKey,
	type MessageParams
} from './translate.ts';

const STORAGE_KEY = 'gpm.locale';

function initialLocale(): Locale {
	if (typeof localStorage === 'undefined') return DEFAULT_LOCALE;
	const saved = localStorage.getItem(STORAGE_KEY);
	return isLocale(saved) ? saved : DEFAULT_LOCALE;
}

class LocaleState {
	current = $state<Locale>(initialLocale());

	set(locale: Locale): void {
		this.current = locale;
		localStorage.setItem(STORAGE_KEY, locale);
		document.documentElement.lang = locale;
	}
}

export const locale = new LocaleState();

export function t(key: MessageKey, params?: MessageParams): string {
	return translate(locale.current, key, params);
}

export const num = (value: number, digits = 0) => formatNumber(locale.current, value, digits);
export const pct = (share: number) => formatShare(locale.current, share);
