// deck.gl colours ([r, g, b, a] with a in 0..255) as CSS, for legends that must match the map.
export function cssColour(colour: ArrayLike<number>): string {
	const [r, g, b, a] = [colour[0], colour[1], colour[2], colour.length > 3 ? colour[3] : 255];
	return `rgb(${r} ${g} ${b} / ${(a / 255).toFixed(2)})`;
}
