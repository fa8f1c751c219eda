// What a page puts in the app shell's top bar ((app)/+layout.svelte draws it once for every
// signed-in page): its title, place, headline figures and its own buttons. The page hands over a
// getter, so the bar follows whatever state the getter reads (a figure that arrives, the
// language) without the page pushing updates.
import { createContext, onDestroy, type Snippet } from 'svelte';

export interface ShellContent {
	title: string;
	/** shown after the title, e.g. the county */
	place?: string | null;
	subtitle?: string | null;
	/** a link up the page hierarchy (a campaign → the list); give it a resolve()d path */
	back?: { href: string; label: string } | null;
	/** headline figures, between the title and the navigation */
	stats?: Snippet;
	/** the page's own buttons and links, before the navigation */
	actions?: Snippet;
	/** the command room's dark bar */
	night?: boolean;
}

export class Shell {
	#content = $state.raw<(() => ShellContent) | null>(null);

	/** What the bar shows now; null between pages or on a page that set nothing. */
	get content(): ShellContent | null {
		return this.#content?.() ?? null;
	}

	/**
	 * Puts a page's content in the bar; returns the function that takes it out again, which
	 * leaves a newer page's content alone (on navigation the next page may show before the last
	 * one is torn down).
	 */
	show(content: () => ShellContent): () => void {
		this.#content = content;
		return () => {
			if (this.#content === content) this.#content = null;
		};
	}
}

const [getShell, setShell] = createContext<Shell>();
export { setShell };

/** For a page's initialisation: its content in the bar while it is mounted. */
export function useShell(content: () => ShellContent): Shell {
	const shell = getShell();
	onDestroy(shell.show(content));
	return shell;
}
