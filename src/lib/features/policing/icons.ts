// Map symbols as inline SVG, so they load from data: URLs and never from another host.
function svg(body: string, size: number): string {
	const doc = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32">${body}</svg>`;
	return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(doc)}`;
}

/** 派出所: a shield in police blue. */
export const STATION_ICON = {
	id: 'station',
	url: svg(
		'<path d="M16 2 L28 6 V15 C28 23 22 28 16 30 C10 28 4 23 4 15 V6 Z" fill="#0b3d91" stroke="#fff" stroke-width="2"/><path d="M16 9 l2.2 4.5 5 .7-3.6 3.5.9 5-4.5-2.4-4.5 2.4.9-5-3.6-3.5 5-.7z" fill="#fcd34d"/>',
		64
	),
	width: 64,
	height: 64,
	anchorY: 32
};

/** 警务室 / 联勤警务站 / 工作点: a small house; work points are hollow. */
export const POST_ICONS = {
	office: {
		id: 'post-office',
		url: svg('<path d="M4 15 L16 5 L28 15 V28 H4 Z" fill="#1d4ed8" stroke="#fff" stroke-width="2.5"/>', 48),
		width: 48,
		height: 48,
		anchorY: 24
	},
	joint_station: {
		id: 'post-joint',
		url: svg('<path d="M4 15 L16 5 L28 15 V28 H4 Z" fill="#7c3aed" stroke="#fff" stroke-width="2.5"/>', 48),
		width: 48,
		height: 48,
		anchorY: 24
	},
	work_point: {
		id: 'post-work-point',
		url: svg('<path d="M5 15 L16 6 L27 15 V27 H5 Z" fill="#fff" stroke="#1d4ed8" stroke-width="3.5"/>', 48),
		width: 48,
		height: 48,
		anchorY: 24
	}
} as const;
