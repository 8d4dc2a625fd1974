/**
 * A mini program's privacy settings and privacy interfaces on its behalf (the account's token):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/privacy-management/setPrivacySetting.html
 * and …/apply-api/applyPrivacyInterface.html. Without settings WeChat refuses a code submission.
 */
import { randomToken } from '../state';
import { OK, wxError } from '../errors';
import { jsonObject } from '../http';
import { PRIVACY_KEYS, newAuditId, profileOf, profileState } from '../miniProgramProfile';
import { json, type ApiArea, type Handler } from './area';
import { authorizerFor, isResponse } from './guards';

/** WeChat's limit for the privacy extension file (a .txt of at most 100 KB). */
const PRIVACY_FILE_MAX = 100 * 1024;

function version(raw: unknown): 1 | 2 | undefined {
	if (raw === undefined || raw === null || raw === '') return 2;
	const v = Number(raw);
	return v === 1 || v === 2 ? v : undefined;
}

const getSetting: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	const ver = version(jsonObject(req).privacy_ver);
	if (!ver) return json(wxError(40097, 'privacy_ver'));
	const setting = profileOf(state, acc.appId).privacy.get(ver);
	return json({
		...OK,
		code_exist: 0,
		privacy_list: PRIVACY_KEYS,
		setting_list: (setting?.settingList ?? []).map((s) => ({ ...s, privacy_label: s.privacy_key })),
		update_time: setting?.updateTime ?? 0,
		owner_setting: setting?.ownerSetting ?? {},
		privacy_desc: {
			privacy_desc_list: PRIVACY_KEYS.map((key) => ({ privacy_key: key, privacy_desc: key })),
		},
	});
};

const setSetting: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	const b = jsonObject(req);
	const ver = version(b.privacy_ver);
	if (!ver) return json(wxError(40097, 'privacy_ver'));
	const owner = b.owner_setting as Record<string, unknown> | undefined;
	if (!owner || typeof owner !== 'object') return json(wxError(40097, 'owner_setting'));
	const contacts = ['contact_phone', 'contact_email', 'contact_qq', 'contact_weixin'];
	if (!contacts.some((k) => typeof owner[k] === 'string' && owner[k] !== ''))
		return json(wxError(40097, 'owner_setting needs one contact'));
	if (typeof owner.notice_method !== 'string' || owner.notice_method === '')
		return json(wxError(40097, 'owner_setting.notice_method'));
	const file = owner.ext_file_media_id;
	if (file !== undefined && file !== '') {
		const stored =
			typeof file === 'string' ? profileState(state).privacyFiles.get(file) : undefined;
		if (!stored || stored.appId !== acc.appId) return json(wxError(40007));
	}
	const list = Array.isArray(b.setting_list) ? b.setting_list : [];
	const settingList: Array<{ privacy_key: string; privacy_text: string }> = [];
	for (const entry of list as Array<Record<string, unknown>>) {
		if (typeof entry?.privacy_key !== 'string' || !PRIVACY_KEYS.includes(entry.privacy_key))
			return json(wxError(40097, `privacy_key ${String(entry?.privacy_key)}`));
		if (typeof entry.privacy_text !== 'string' || entry.privacy_text === '')
			return json(wxError(40097, 'privacy_text'));
		settingList.push({ privacy_key: entry.privacy_key, privacy_text: entry.privacy_text });
	}
	profileOf(state, acc.appId).privacy.set(ver, {
		ownerSetting: { ...owner },
		settingList,
		updateTime: state.clock.seconds(),
	});
	return json(OK);
};

const uploadFile: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	const file = req.form?.files.file;
	if (!file || file.bytes.length === 0) return json(wxError(41005));
	if (!file.filename.toLowerCase().endsWith('.txt')) return json(wxError(40005));
	if (file.bytes.length > PRIVACY_FILE_MAX) return json(wxError(40006));
	const id = randomToken('', 32);
	profileState(state).privacyFiles.set(id, { appId: acc.appId, bytes: file.bytes.length });
	return json({ ...OK, ext_file_media_id: id });
};

const getInterfaces: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	return json({
		...OK,
		interface_list: profileOf(state, acc.appId).interfaces.map((i) => ({
			api_name: i.apiName,
			api_ch_name: i.chineseName,
			api_desc: i.chineseName,
			status: i.status,
			...(i.auditId ? { audit_id: i.auditId } : {}),
			...(i.failReason ? { fail_reason: i.failReason } : {}),
			api_link: `https://developers.weixin.qq.com/miniprogram/dev/api/${i.apiName}.html`,
			group_name: '地理位置',
		})),
	});
};

const applyInterface: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	const b = jsonObject(req);
	const api = profileOf(state, acc.appId).interfaces.find((i) => i.apiName === b.api_name);
	if (!api) return json(wxError(40097, 'api_name'));
	if (typeof b.content !== 'string' || b.content.trim().length < 10)
		return json(wxError(40097, 'content (at least 10 characters)'));
	if (api.status !== 1 && api.status !== 4) return json(wxError(40097, `status ${api.status}`));
	const auditId = newAuditId(state);
	api.status = 3;
	api.auditId = auditId;
	api.failReason = undefined;
	profileState(state).privacyAudits.set(auditId, { appId: acc.appId, apiName: api.apiName });
	return json({ ...OK, audit_id: auditId });
};

export const miniProgramPrivacy: ApiArea = {
	name: 'mini-program privacy',
	routes: {
		'/cgi-bin/component/getprivacysetting': getSetting,
		'/cgi-bin/component/setprivacysetting': setSetting,
		'/cgi-bin/component/uploadprivacyextfile': uploadFile,
		'/wxa/security/get_privacy_interface': getInterfaces,
		'/wxa/security/apply_privacy_interface': applyInterface,
	},
};
