// Participant kinds as people write them: the code (`volunteer`) or the Chinese name (志愿者).
import { VISITOR_KINDS, type VisitorKind } from '$lib/types/domain';

const KIND_ZH: Record<string, VisitorKind> = {
	民警: 'police',
	辅警: 'auxiliary',
	警务助理: 'assistant',
	网格员: 'grid_worker',
	志愿者: 'volunteer',
	村干部: 'village_cadre',
	楼道长: 'building_head',
	银行工作人员: 'bank_staff',
	银行: 'bank_staff',
	妇联工作人员: 'womens_federation',
	妇联: 'womens_federation'
};

export function parseVisitorKind(text: string): VisitorKind | null {
	const v = text.trim();
	if (v in KIND_ZH) return KIND_ZH[v];
	return (VISITOR_KINDS as readonly string[]).includes(v) ? (v as VisitorKind) : null;
}

/** A team's members, one "name,kind" per line; the first bad line is reported by number. */
export function parseMembers(
	text: string
):
	| { members: { name: string; kind: VisitorKind }[]; bad: null }
	| { members: null; bad: { line: number; text: string } } {
	const members: { name: string; kind: VisitorKind }[] = [];
	const lines = text.split(/\r?\n/);
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i].trim();
		if (!line) continue;
		const [name, kindText] = line.split(/[,，]/).map((s) => s?.trim() ?? '');
		const kind = parseVisitorKind(kindText ?? '');
		if (!name || !kind) return { members: null, bad: { line: i + 1, text: line } };
		members.push({ name, kind });
	}
	return { members, bad: null };
}
