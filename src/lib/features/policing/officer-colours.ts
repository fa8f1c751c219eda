// One colour per kind of officer: 民警 dark blue, 辅警 light blue, 警务助理 green.
import type { OfficerKind } from '$lib/types/domain';

export const OFFICER_COLOURS: Record<OfficerKind, [number, number, number]> = {
	police: [23, 37, 84],
	auxiliary: [56, 152, 236],
	assistant: [22, 140, 72]
};
