import { OK, wxError } from '../errors';
import { jsonObject } from '../http';
import type { Authorizer, SimUser } from '../model';
import { randomToken, type SimState } from '../state';
import { json, type ApiArea, type Handler } from './area';
import { authorizerFor, isResponse } from './guards';

/** Which sub-object each customer-service msgtype needs, and the fields that must be non-empty. */
const CUSTOM_TYPES: Record<string, string[]> = {
	text: ['content'],
	image: ['media_id'],
	voice: ['media_id'],
	video: ['media_id'],
	music: ['thumb_media_id'],
	news: ['articles'],
	mpnews: ['media_id'],
	mpnewsarticle: ['article_id'],
	msgmenu: ['list'],
	wxcard: ['card_id'],
	miniprogrampage: ['appid', 'pagepath'],
};
const MEDIA_FIELDS = new Set(['media_id', 'thumb_media_id']);

function validateCustom(state: SimState, acc: Authorizer, b: Record<string, unknown>): number {
	const msgtype = b.msgtype;
	if (typeof msgtype !== 'string' || !(msgtype in CUSTOM_TYPES)) return 40008;
	const payload = b[msgtype];
	if (!payload || typeof payload !== 'object') return msgtype === 'text' ? 44004 : 44003;
	for (const field of CUSTOM_TYPES[msgtype]) {
		const value = (payload as Record<string, unknown>)[field];
		if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
			return msgtype === 'text' ? 44004 : 44003;
		}
		if (MEDIA_FIELDS.has(field) && msgtype !== 'mpnews') {
			const media = typeof value === 'string' ? state.media.get(value) : undefined;
			if (!media || media.appId !== acc.appId) return 40007;
		}
	}
	if (msgtype === 'news') {
		const articles = (payload as { articles: unknown }).articles;
		if (!Array.isArray(articles) || articles.length > 8) return 44003;
	}
	return 0;
}

const customSend: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	if (req.badJson) return json(wxError(47001));
	const b = jsonObject(req);
	const windowCode = state.customServiceCheck(acc, b.touser);
	if (windowCode) return json(wxError(windowCode));
	const code = validateCustom(state, acc, b);
	if (code) return json(wxError(code));
	acc.users.get(b.touser as string)!.sentSinceInteraction += 1;
	state.sentMessages.push({
		authorizerAppId: acc.appId,
		kind: 'custom',
		body: b,
		at: state.clock.now(),
	});
	return json(OK);
};

const customTyping: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	const b = jsonObject(req);
	const windowCode = state.customServiceCheck(acc, b.touser);
	if (windowCode) return json(wxError(windowCode));
	if (b.command !== 'Typing' && b.command !== 'CancelTyping')
		return json(wxError(40097, 'command'));
	state.sentMessages.push({
		authorizerAppId: acc.appId,
		kind: 'typing',
		body: b,
		at: state.clock.now(),
	});
	return json(OK);
};

const templateSend: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	if (req.badJson) return json(wxError(47001));
	const b = jsonObject(req);
	const user = typeof b.touser === 'string' ? acc.users.get(b.touser) : undefined;
	if (!user) return json(wxError(40003));
	if (!user.subscribed) return json(wxError(43004));
	if (typeof b.template_id !== 'string' || b.template_id === '') return json(wxError(40037));
	if (b.data !== undefined && (typeof b.data !== 'object' || b.data === null))
		return json(wxError(47001));
	const msgid = state.nextTemplateMsgId();
	state.sentMessages.push({
		authorizerAppId: acc.appId,
		kind: 'template',
		body: b,
		at: state.clock.now(),
	});
	return json({ ...OK, msgid });
};

/** `/cgi-bin/user/info`'s answer for one user, also each entry of `batchget`. */
function userJson(openid: string, user: SimUser): Record<string, unknown> {
	if (!user.subscribed)
		return { subscribe: 0, openid, ...(user.unionid ? { unionid: user.unionid } : {}) };
	return {
		subscribe: 1,
		openid,
		nickname: user.nickname,
		language: user.language,
		subscribe_time: user.subscribeTime,
		...(user.unionid ? { unionid: user.unionid } : {}),
		remark: user.remark,
		groupid: 0,
		tagid_list: [],
		subscribe_scene: 'ADD_SCENE_QR_CODE',
		qr_scene: 0,
		qr_scene_str: '',
	};
}

const userInfo: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	const openid = req.query.openid;
	if (!openid) return json(wxError(41009));
	const user = acc.users.get(openid);
	if (!user) return json(wxError(40003));
	return json(userJson(openid, user));
};

/** Up to 100 users at once; like WeChat, one unknown openid fails the whole batch. */
const userBatchGet: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	if (req.badJson) return json(wxError(47001));
	const list = jsonObject(req).user_list;
	if (!Array.isArray(list) || list.length === 0 || list.length > 100) return json(wxError(40032));
	const users: Record<string, unknown>[] = [];
	for (const entry of list) {
		const openid = (entry as { openid?: unknown } | null)?.openid;
		const user = typeof openid === 'string' ? acc.users.get(openid) : undefined;
		if (!user || typeof openid !== 'string') return json(wxError(40003));
		users.push(userJson(openid, user));
	}
	return json({ user_info_list: users });
};

/** Paging like WeChat: `next_openid` is the last openid of the previous page. */
const userGet: Handler = (req, { state, userPageSize }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	const all = [...acc.users.values()].filter((u) => u.subscribed).map((u) => u.openid);
	const after = req.query.next_openid;
	let start = 0;
	if (after) {
		const i = all.indexOf(after);
		if (i < 0) return json(wxError(40003, 'next_openid'));
		start = i + 1;
	}
	const page = all.slice(start, start + userPageSize);
	const body: Record<string, unknown> = {
		total: all.length,
		count: page.length,
		next_openid: page.length ? page[page.length - 1] : '',
	};
	if (page.length) body.data = { openid: page };
	return json(body);
};

const updateRemark: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	const b = jsonObject(req);
	const user = typeof b.openid === 'string' ? acc.users.get(b.openid) : undefined;
	if (!user) return json(wxError(40003));
	if (typeof b.remark !== 'string' || [...b.remark].length > 30)
		return json(wxError(40097, 'remark'));
	user.remark = b.remark;
	return json(OK);
};

const menuCreate: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	if (req.badJson) return json(wxError(47001));
	const button = jsonObject(req).button;
	if (!Array.isArray(button) || button.length < 1 || button.length > 3) return json(wxError(40016));
	acc.menu = { button };
	return json(OK);
};

const menuGet: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	if (!acc.menu) return json(wxError(46003));
	return json({ menu: acc.menu });
};

const menuDelete: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	acc.menu = undefined;
	return json(OK);
};

/** The menu users see now: the API-set menu, or none (the simulator has no console-made menus). */
const currentSelfMenu: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	if (!acc.menu) return json({ is_menu_open: 0 });
	return json({ is_menu_open: 1, selfmenu_info: acc.menu });
};

const QR_ACTIONS = new Set(['QR_SCENE', 'QR_STR_SCENE', 'QR_LIMIT_SCENE', 'QR_LIMIT_STR_SCENE']);

const qrcodeCreate: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	const b = jsonObject(req);
	if (typeof b.action_name !== 'string' || !QR_ACTIONS.has(b.action_name))
		return json(wxError(40097, 'action_name'));
	const permanent = b.action_name.startsWith('QR_LIMIT');
	const requested = Number(b.expire_seconds ?? 60);
	const expire = Math.min(Math.max(Number.isFinite(requested) ? requested : 60, 60), 2_592_000);
	const ticket = randomToken('gQ', 48);
	const out: Record<string, unknown> = {
		ticket,
		url: `http://weixin.qq.com/q/${ticket.slice(2, 24)}`,
	};
	if (!permanent) out.expire_seconds = expire;
	return json(out);
};

export const onBehalf: ApiArea = {
	name: 'on behalf',
	routes: {
		'/cgi-bin/message/custom/send': customSend,
		'/cgi-bin/message/custom/typing': customTyping,
		'/cgi-bin/message/template/send': templateSend,
		'/cgi-bin/user/info': userInfo,
		'/cgi-bin/user/info/batchget': userBatchGet,
		'/cgi-bin/user/get': userGet,
		'/cgi-bin/user/info/updateremark': updateRemark,
		'/cgi-bin/menu/create': menuCreate,
		'/cgi-bin/menu/get': menuGet,
		'/cgi-bin/menu/delete': menuDelete,
		'/cgi-bin/get_current_selfmenu_info': currentSelfMenu,
		'/cgi-bin/qrcode/create': qrcodeCreate,
	},
};
