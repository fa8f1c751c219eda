// The message keys of a finding's kind and reason: the engine's reasons are `gap.*` already,
// its input checks (`input.*`) are translated under `gap.input.*`.
import type { Finding, FindingKind } from '$lib/coverage/findings';
import type { MessageKey, MessageParams } from '$lib/i18n/translate';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const kindKey = (kind: FindingKind): MessageKey => `gap.kind.${kind}`;

export function reasonKey(reason: Finding['reason']): MessageKey {
	return reason.startsWith('gap.') ? (reason as MessageKey) : (`gap.${reason}` as MessageKey);
}
