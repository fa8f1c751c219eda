// The ring that announces a new incident on the map: an HTML element animated by CSS (styles
// in the page, class `incident-pulse`), so announcing costs no WebGL repaint.
export const PULSE_MS = 4000;

export function pulseElement(colour: string, label: string): HTMLElement {
	const element = document.createElement('div');
	element.className = 'incident-pulse';
	element.style.setProperty('--pulse', colour);
	element.setAttribute('aria-hidden', 'true');
	element.title = label;
	return element;
}
