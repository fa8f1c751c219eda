import type { Claims } from '$lib/server/db/port';

declare global {
	namespace App {
		interface Locals {
			/** who is asking; null = anonymous */
			claims: Claims | null;
		}
		interface Error {
			message: string;
			/** i18n key of the message, when the error comes from a known rule */
			key?: string;
		}
	}
}

export {};
