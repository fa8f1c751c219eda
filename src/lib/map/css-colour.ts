// deck.gl colours ([r, g, b, a] with a in 0..255) as CSS, for legends that must match the map.
export function cssColour([r, g, b, a = 255]: readonly number[]): string {
	return `rgb(${r} ${g} ${b} / ${(a / 255).toFixed(2)})`;
}
