// What each importable layer holds: its geometry, its fields with their types, and the column
// names (Chinese and English) that pre-fill the mapping. Mirrors what import_commit reads.
import {
	INCIDENT_CATEGORIES,
	INCIDENT_STATUSES,
	MEDIATION_STATUSES,
	POST_KINDS,
	VILLAGE_KINDS
} from '../types/domain.ts';

export const IMPORT_KINDS = ['villages', 'grids', 'posts', 'households', 'incidents'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface FieldSpec {
	key: string;
	required: boolean;
	type: 'text' | 'integer' | 'boolean' | 'timestamp';
	values?: readonly string[];
	aliases: string[];
}

export interface KindSpec {
	geometry: 'areal' | 'point';
	fields: FieldSpec[];
}

const text = (key: string, required: boolean, aliases: string[], values?: readonly string[]): FieldSpec => ({
	key,
	required,
	type: 'text',
	values,
	aliases
});
const CODE = text('code', true, ['code', 'id', '编码', '代码', '编号']);
const NAME = text('name', false, ['name', '名称', '名字']);

export const KIND_SPECS: Record<ImportKind, KindSpec> = {
	villages: {
		geometry: 'areal',
		fields: [
			CODE,
			NAME,
			text('township_code', true, ['township_code', '乡镇编码', '所属乡镇']),
			text('station_code', true, ['station_code', '派出所编码', '所属派出所']),
			text('kind', false, ['kind', '类型'], VILLAGE_KINDS),
			{ key: 'population', required: false, type: 'integer', aliases: ['population', '人口'] }
		]
	},
	grids: {
		geometry: 'areal',
		fields: [CODE, NAME, text('village_code', true, ['village_code', '村编码', '所属村', '村社区编码'])]
	},
	posts: {
		geometry: 'point',
		fields: [
			CODE,
			NAME,
			text('station_code', true, ['station_code', '派出所编码', '所属派出所']),
			text('kind', false, ['kind', '类型'], POST_KINDS)
		]
	},
	households: {
		geometry: 'point',
		fields: [
			CODE,
			text('address', true, ['address', '地址', '门牌地址']),
			text('head_name', false, ['head_name', '户主', '户主姓名']),
			text('phone', false, ['phone', '电话', '联系电话']),
			text('id_number', false, ['id_number', '身份证号', '身份证']),
			{ key: 'residents', required: false, type: 'integer', aliases: ['residents', '人数', '居住人数'] },
			{ key: 'elderly_alone', required: false, type: 'boolean', aliases: ['elderly_alone', '独居老人'] },
			{
				key: 'past_fraud_victim',
				required: false,
				type: 'boolean',
				aliases: ['past_fraud_victim', '曾被诈骗']
			},
			{ key: 'rental', required: false, type: 'boolean', aliases: ['rental', '出租房'] }
		]
	},
	incidents: {
		geometry: 'point',
		fields: [
			CODE,
			text('category', true, ['category', '类别', '警情类别'], INCIDENT_CATEGORIES),
			text('status', false, ['status', '状态'], INCIDENT_STATUSES),
			{ key: 'priority', required: false, type: 'integer', aliases: ['priority', '等级', '优先级'] },
			text('summary', false, ['summary', '摘要', '简要案情']),
			{ key: 'occurred_at', required: true, type: 'timestamp', aliases: ['occurred_at', '发生时间', '时间'] },
			text('mediation_status', false, ['mediation_status', '调解状态'], MEDIATION_STATUSES)
		]
	}
};

/**
 * Field → source column/property name, pre-filled from the names the file uses. A Shapefile
 * cuts field names to 10 characters (village_code → village_co), so those match too.
 */
export function guessMapping(kind: ImportKind, sourceKeys: string[]): Record<string, string> {
	const mapping: Record<string, string> = {};
	const same = (alias: string, key: string) => {
		const a = alias.toLowerCase();
		const k = key.trim().toLowerCase();
		return a === k || (k.length === 10 && a.slice(0, 10) === k);
	};
	for (const f of KIND_SPECS[kind].fields) {
		const hit = sourceKeys.find((k) => f.aliases.some((a) => same(a, k)));
		if (hit !== undefined) mapping[f.key] = hit;
	}
	return mapping;
}
