/**
 * A mini program's profile on its behalf (the account's token): basic info, nickname (with audit),
 * avatar, signature, categories. WeChat's documentation: "基础信息设置" and "类目管理" under
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/
 */
import { OK, wxError } from '../errors';
import { jsonObject } from '../http';
import {
	AVATAR_QUOTA,
	CATEGORY_LIMIT,
	CATEGORY_TREE,
	SIGNATURE_QUOTA,
	monthOf,
	newAuditId,
	profileOf,
	profileState,
} from '../miniProgramProfile';
import { TEMP_MEDIA_TTL_MS } from '../model';
import type { SimState } from '../state';
import { json, type ApiArea, type Handler } from './area';
import { authorizerFor, isResponse } from './guards';

/** The mini program behind the token; 61003-like answers come from authorizerFor. */
function account(req: Parameters<Handler>[0], state: SimState) {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	// An Official Account's token on a mini-program API: WeChat answers 48001 (api unauthorized).
	if (!acc.miniProgram) return json(wxError(48001));
	return acc;
}

const basicInfo: Handler = (req, { state }) => {
	const acc = account(req, state);
	if (isResponse(acc)) return acc;
	const p = profileOf(state, acc.appId);
	const month = monthOf(state);
	return json({
		...OK,
		appid: acc.appId,
		account_type: 2,
		principal_type: 1,
		principal_name: acc.principalName,
		realname_status: 1,
		nickname: p.nickname,
		wx_verify_info: { qualification_verify: acc.verifyTypeId === 0, naming_verify: true },
		signature_info: {
			signature: p.signature,
			modify_used_count: p.signatureChanges.get(month) ?? 0,
			modify_quota: SIGNATURE_QUOTA,
		},
		head_image_info: {
			head_image_url: p.headImageUrl,
			modify_used_count: p.avatarChanges.get(month) ?? 0,
			modify_quota: AVATAR_QUOTA,
		},
		nickname_info: { nickname: p.nickname, modify_used_count: 0, modify_quota: 2 },
	});
};

/** Nicknames in use by any simulated account (WeChat: 91007 "nickname already taken"). */
function taken(state: SimState, appId: string, nickname: string): boolean {
	for (const [otherId, p] of profileState(state).accounts)
		if (otherId !== appId && p.nickname === nickname) return true;
	for (const acc of state.authorizers.values())
		if (acc.appId !== appId && acc.nickName === nickname) return true;
	return false;
}

const setNickname: Handler = (req, { state }) => {
	const acc = account(req, state);
	if (isResponse(acc)) return acc;
	const b = jsonObject(req);
	const nickname = typeof b.nick_name === 'string' ? b.nick_name.trim() : '';
	// WeChat: 4 to 30 characters of width (a Chinese character counts 2); simplified to 2..30 chars.
	if (nickname.length < 2 || nickname.length > 30) return json(wxError(91004));
	if (taken(state, acc.appId, nickname)) return json(wxError(91007));
	const needsAudit =
		Boolean(b.license) || Object.keys(b).some((k) => k.startsWith('naming_other_stuff'));
	if (!needsAudit) {
		profileOf(state, acc.appId).nickname = nickname;
		return json({ ...OK, wording: '' });
	}
	const auditId = newAuditId(state);
	profileState(state).nicknameAudits.set(auditId, {
		appId: acc.appId,
		nickname,
		status: 1,
		reason: '',
		createTime: state.clock.seconds(),
		auditTime: 0,
	});
	return json({ ...OK, wording: '名称审核中，审核结果将通过消息推送通知', audit_id: auditId });
};

const queryNickname: Handler = (req, { state }) => {
	const acc = account(req, state);
	if (isResponse(acc)) return acc;
	const b = jsonObject(req);
	const audit = profileState(state).nicknameAudits.get(Number(b.audit_id));
	if (!audit || audit.appId !== acc.appId) return json(wxError(91011));
	return json({
		...OK,
		nickname: audit.nickname,
		audit_stat: audit.status,
		fail_reason: audit.reason,
		create_time: audit.createTime,
		audit_time: audit.auditTime,
	});
};

const modifySignature: Handler = (req, { state }) => {
	const acc = account(req, state);
	if (isResponse(acc)) return acc;
	const b = jsonObject(req);
	const signature = typeof b.signature === 'string' ? b.signature : '';
	if (signature.length < 4 || signature.length > 120)
		return json(wxError(40097, 'signature: 4 to 120 characters'));
	const p = profileOf(state, acc.appId);
	const month = monthOf(state);
	const used = p.signatureChanges.get(month) ?? 0;
	if (used >= SIGNATURE_QUOTA) return json(wxError(53200));
	p.signatureChanges.set(month, used + 1);
	p.signature = signature;
	return json(OK);
};

const modifyHeadImage: Handler = (req, { state }) => {
	const acc = account(req, state);
	if (isResponse(acc)) return acc;
	const b = jsonObject(req);
	const media =
		typeof b.head_img_media_id === 'string' ? state.media.get(b.head_img_media_id) : undefined;
	if (
		!media ||
		media.appId !== acc.appId ||
		media.permanent ||
		media.type !== 'image' ||
		state.clock.now() - media.createdAt > TEMP_MEDIA_TTL_MS
	)
		return json(wxError(40007));
	const crop = ['x1', 'y1', 'x2', 'y2'].map((k) =>
		Number(b[k] ?? (k === 'x2' || k === 'y2' ? 1 : 0)),
	);
	if (
		crop.some((v) => !Number.isFinite(v) || v < 0 || v > 1) ||
		crop[0] >= crop[2] ||
		crop[1] >= crop[3]
	)
		return json(wxError(40097, 'x1/y1/x2/y2'));
	const p = profileOf(state, acc.appId);
	const month = monthOf(state);
	const used = p.avatarChanges.get(month) ?? 0;
	if (used >= AVATAR_QUOTA) return json(wxError(53202));
	p.avatarChanges.set(month, used + 1);
	p.headImageUrl = `https://wx.qlogo.cn/mmhead/${acc.appId}/${b.head_img_media_id as string}`;
	return json(OK);
};

const allCategories: Handler = (req, { state }) => {
	const acc = account(req, state);
	if (isResponse(acc)) return acc;
	return json({
		...OK,
		categories_list: {
			categories: [
				{
					id: 0,
					name: '',
					level: 0,
					father: 0,
					children: CATEGORY_TREE.filter((c) => c.father === 0).map((c) => c.id),
				},
				...CATEGORY_TREE.map((c) => ({
					id: c.id,
					name: c.name,
					level: c.father === 0 ? 1 : 2,
					father: c.father,
					children: CATEGORY_TREE.filter((k) => k.father === c.id).map((k) => k.id),
					sensitive_type: c.sensitive ? 1 : 0,
					qualify: {
						exter_list: c.sensitive ? [{ inner_list: [{ name: '医疗机构执业许可证' }] }] : [],
					},
				})),
			],
		},
	});
};

const nameOf = (id: number) => CATEGORY_TREE.find((c) => c.id === id)?.name ?? '';

const getCategory: Handler = (req, { state }) => {
	const acc = account(req, state);
	if (isResponse(acc)) return acc;
	const p = profileOf(state, acc.appId);
	return json({
		...OK,
		categories: p.categories.map((c) => ({
			first: c.first,
			first_name: nameOf(c.first),
			second: c.second,
			second_name: nameOf(c.second),
			audit_status: c.auditStatus,
			audit_reason: c.auditReason,
		})),
		limit: CATEGORY_LIMIT,
		quota: CATEGORY_LIMIT - p.categories.length,
		category_limit: CATEGORY_LIMIT,
	});
};

type Certicates = Array<{ key: string; value: string }>;

function readCategory(
	raw: unknown,
): { first: number; second: number; certicates: Certicates } | undefined {
	if (!raw || typeof raw !== 'object') return undefined;
	const c = raw as Record<string, unknown>;
	const first = Number(c.first);
	const second = Number(c.second);
	const node = CATEGORY_TREE.find((k) => k.id === second);
	if (!node || node.father !== first) return undefined;
	const certicates = Array.isArray(c.certicates) ? (c.certicates as Certicates) : [];
	return { first, second, certicates };
}

const addCategory: Handler = (req, { state }) => {
	const acc = account(req, state);
	if (isResponse(acc)) return acc;
	const list = jsonObject(req).categories;
	if (!Array.isArray(list) || list.length === 0) return json(wxError(53303));
	const wanted = list.map(readCategory);
	if (wanted.some((c) => !c)) return json(wxError(53303));
	const p = profileOf(state, acc.appId);
	if (p.categories.length + wanted.length > CATEGORY_LIMIT) return json(wxError(53301));
	for (const c of wanted)
		if (p.categories.some((k) => k.second === c!.second)) return json(wxError(53304));
	for (const c of wanted) {
		const sensitive = CATEGORY_TREE.find((k) => k.id === c!.second)!.sensitive;
		p.categories.push({ ...c!, auditStatus: sensitive ? 1 : 3, auditReason: '' });
	}
	return json(OK);
};

const deleteCategory: Handler = (req, { state }) => {
	const acc = account(req, state);
	if (isResponse(acc)) return acc;
	const b = jsonObject(req);
	const p = profileOf(state, acc.appId);
	const at = p.categories.findIndex(
		(c) => c.first === Number(b.first) && c.second === Number(b.second),
	);
	if (at < 0) return json(wxError(53303));
	p.categories.splice(at, 1);
	return json(OK);
};

const modifyCategory: Handler = (req, { state }) => {
	const acc = account(req, state);
	if (isResponse(acc)) return acc;
	const wanted = readCategory(jsonObject(req));
	if (!wanted) return json(wxError(53303));
	const category = profileOf(state, acc.appId).categories.find(
		(c) => c.first === wanted.first && c.second === wanted.second,
	);
	if (!category) return json(wxError(53306));
	if (category.auditStatus !== 2) return json(wxError(53307));
	category.certicates = wanted.certicates;
	category.auditStatus = 1;
	category.auditReason = '';
	return json(OK);
};

export const miniProgramProfile: ApiArea = {
	name: 'mini-program profile',
	routes: {
		'/cgi-bin/account/getaccountbasicinfo': basicInfo,
		'/wxa/setnickname': setNickname,
		'/wxa/api_wxa_querynickname': queryNickname,
		'/cgi-bin/account/modifysignature': modifySignature,
		'/cgi-bin/account/modifyheadimage': modifyHeadImage,
		'/cgi-bin/wxopen/getallcategories': allCategories,
		'/cgi-bin/wxopen/getcategory': getCategory,
		'/cgi-bin/wxopen/addcategory': addCategory,
		'/cgi-bin/wxopen/deletecategory': deleteCategory,
		'/cgi-bin/wxopen/modifycategory': modifyCategory,
	},
};
