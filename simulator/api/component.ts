import { OK, wxError } from '../errors';
import { jsonObject, str, type SimRequest, type SimResponse } from '../http';
import { CLEAR_QUOTA_PER_MONTH, PRE_AUTH_CODE_TTL_S, type Authorizer } from '../model';
import { randomToken, type SimState } from '../state';
import { json, type ApiArea, type Handler } from './area';
import { authorizedAccount, checkComponentAppId, isResponse, requireComponent } from './guards';

const OPTION_NAMES = new Set(['location_report', 'voice_recognize', 'customer_service']);
const OPTION_VALUES: Record<string, string[]> = {
	location_report: ['0', '1', '2'],
	voice_recognize: ['0', '1'],
	customer_service: ['0', '1'],
};

function authorizationInfo(acc: Authorizer) {
	return {
		authorizer_appid: acc.appId,
		authorizer_refresh_token: acc.refreshToken,
		func_info: acc.funcInfo.map((id) => ({ funcscope_category: { id } })),
	};
}

const apiComponentToken: Handler = (req, { state }) => {
	const b = jsonObject(req);
	const bad = checkComponentAppId(b.component_appid, state);
	if (bad) return bad;
	if (b.component_appsecret !== state.component.appSecret) return json(wxError(40125));
	const ticket = state.ticketState(b.component_verify_ticket);
	if (ticket === 'unknown') return json(wxError(61006));
	if (ticket === 'expired') return json(wxError(61005));
	// Real WeChat hands out a new token on every call; older ones keep working until they expire.
	const token = state.issueToken('component', state.component.appId);
	return json({ component_access_token: token, expires_in: state.tokenTtlSeconds });
};

const startPushTicket: Handler = (req, ctx) => {
	const b = jsonObject(req);
	const bad = checkComponentAppId(b.component_appid, ctx.state);
	if (bad) return bad;
	if (b.component_secret !== ctx.state.component.appSecret) return json(wxError(40125));
	ctx.onStartPushTicket();
	return json(OK);
};

const createPreAuthCode: Handler = (req, { state }) => {
	const denied =
		requireComponent(req, state) ?? checkComponentAppId(jsonObject(req).component_appid, state);
	if (denied) return denied;
	return json({ pre_auth_code: state.createPreAuthCode(), expires_in: PRE_AUTH_CODE_TTL_S });
};

const queryAuth: Handler = (req, { state }) => {
	const b = jsonObject(req);
	const denied = requireComponent(req, state) ?? checkComponentAppId(b.component_appid, state);
	if (denied) return denied;
	const code =
		typeof b.authorization_code === 'string'
			? state.authCodes.get(b.authorization_code)
			: undefined;
	if (!code || code.used) return json(wxError(61009));
	if (state.clock.now() >= code.expiresAt) return json(wxError(61010));
	const acc = state.authorizers.get(code.appId);
	if (!acc || !acc.authorized) return json(wxError(61003));
	code.used = true;
	const token = state.issueToken('authorizer', acc.appId);
	return json({
		authorization_info: {
			authorizer_appid: acc.appId,
			authorizer_access_token: token,
			expires_in: state.tokenTtlSeconds,
			authorizer_refresh_token: acc.refreshToken,
			func_info: authorizationInfo(acc).func_info,
		},
	});
};

const authorizerToken: Handler = (req, { state }) => {
	const b = jsonObject(req);
	const denied = requireComponent(req, state) ?? checkComponentAppId(b.component_appid, state);
	if (denied) return denied;
	const acc = authorizedAccount(b.authorizer_appid, state);
	if (isResponse(acc)) return acc;
	if (
		typeof b.authorizer_refresh_token !== 'string' ||
		b.authorizer_refresh_token !== acc.refreshToken
	) {
		return json(wxError(61023));
	}
	if (acc.rotateOnNextRefresh) {
		acc.rotateOnNextRefresh = false;
		acc.refreshToken = randomToken('refreshtoken@@@', 40);
	}
	const token = state.issueToken('authorizer', acc.appId);
	return json({
		authorizer_access_token: token,
		expires_in: state.tokenTtlSeconds,
		authorizer_refresh_token: acc.refreshToken,
	});
};

const getAuthorizerInfo: Handler = (req, { state }) => {
	const b = jsonObject(req);
	const denied = requireComponent(req, state) ?? checkComponentAppId(b.component_appid, state);
	if (denied) return denied;
	const acc = authorizedAccount(b.authorizer_appid, state);
	if (isResponse(acc)) return acc;
	const info: Record<string, unknown> = {
		nick_name: acc.nickName,
		head_img: `http://wx.qlogo.cn/mmopen/${acc.appId}/0`,
		service_type_info: { id: acc.serviceTypeId },
		verify_type_info: { id: acc.verifyTypeId },
		user_name: acc.userName,
		alias: '',
		qrcode_url: `http://mmbiz.qpic.cn/mmbiz_jpg/${acc.appId}/0`,
		business_info: { open_pay: 0, open_shake: 0, open_scan: 0, open_card: 0, open_store: 0 },
		idc: 1,
		principal_name: acc.principalName,
		signature: '',
		account_status: 1,
	};
	if (acc.miniProgram) {
		info.MiniProgramInfo = {
			network: { RequestDomain: [], WsRequestDomain: [] },
			categories: [],
			visit_status: 0,
		};
	}
	return json({ authorizer_info: info, authorization_info: authorizationInfo(acc) });
};

const getAuthorizerList: Handler = (req, { state }) => {
	const b = jsonObject(req);
	const denied = requireComponent(req, state) ?? checkComponentAppId(b.component_appid, state);
	if (denied) return denied;
	const offset = Number(b.offset ?? 0);
	const count = Number(b.count ?? 0);
	if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(count) || count < 1)
		return json(wxError(40097));
	if (count > 500) return json(wxError(40170));
	const all = [...state.authorizers.values()]
		.filter((a) => a.authorized)
		.sort((x, y) => (x.authTime ?? 0) - (y.authTime ?? 0));
	return json({
		total_count: all.length,
		list: all.slice(offset, offset + count).map((a) => ({
			authorizer_appid: a.appId,
			refresh_token: a.refreshToken,
			auth_time: a.authTime,
		})),
	});
};

/**
 * Options, legacy form (component token, component_appid + authorizer_appid in the body) and new form
 * (`/cgi-bin/component/get_authorizer_option?access_token=` with the authorizer's token; WxJava also sends
 * the legacy fields, so a component token + authorizer_appid is accepted there too).
 */
function optionAccount(
	req: SimRequest,
	state: SimState,
	legacy: boolean,
): Authorizer | SimResponse {
	const b = jsonObject(req);
	if (!legacy) {
		const token =
			req.query.access_token ?? req.query.authorizer_access_token ?? str(b.authorizer_access_token);
		const issued = token ? state.tokens.get(token) : undefined;
		if (issued?.kind === 'authorizer') {
			const { errcode } = state.checkToken(token, 'authorizer');
			if (errcode) return json(wxError(errcode));
			return state.requireAuthorizer(issued.appId);
		}
	}
	const denied = requireComponent(req, state) ?? checkComponentAppId(b.component_appid, state);
	if (denied) return denied;
	return authorizedAccount(b.authorizer_appid, state);
}

const getOption =
	(legacy: boolean): Handler =>
	(req, { state }) => {
		const acc = optionAccount(req, state, legacy);
		if (isResponse(acc)) return acc;
		const name = jsonObject(req).option_name;
		if (typeof name !== 'string' || !OPTION_NAMES.has(name))
			return json(wxError(40097, 'option_name'));
		return json({
			authorizer_appid: acc.appId,
			option_name: name,
			option_value: acc.options[name],
		});
	};

const setOption =
	(legacy: boolean): Handler =>
	(req, { state }) => {
		const acc = optionAccount(req, state, legacy);
		if (isResponse(acc)) return acc;
		const b = jsonObject(req);
		const name = b.option_name;
		if (typeof name !== 'string' || !OPTION_NAMES.has(name))
			return json(wxError(40097, 'option_name'));
		const value = str(b.option_value);
		if (value === undefined || !OPTION_VALUES[name].includes(value))
			return json(wxError(40097, 'option_value'));
		acc.options[name] = value;
		return json(OK);
	};

function countClear(state: SimState, appId: string): SimResponse {
	const used = state.clearQuotaCount.get(appId) ?? 0;
	if (used >= CLEAR_QUOTA_PER_MONTH) return json(wxError(48006));
	state.clearQuotaCount.set(appId, used + 1);
	return json(OK);
}

/** `/cgi-bin/clear_quota`: component token + component appid, or an authorizer token + its appid. */
const clearQuota: Handler = (req, { state }) => {
	const token = req.query.access_token;
	const issued = token ? state.tokens.get(token) : undefined;
	const kind = issued?.kind ?? 'component';
	const { errcode } = state.checkToken(token, kind);
	if (errcode) return json(wxError(errcode));
	const appid = jsonObject(req).appid;
	if (typeof appid !== 'string' || appid !== issued?.appId) return json(wxError(40013));
	return countClear(state, appid);
};

const clearQuotaV2: Handler = (req, { state }) => {
	const b = jsonObject(req);
	const bad = checkComponentAppId(b.component_appid, state);
	if (bad) return bad;
	if (b.appsecret !== state.component.appSecret) return json(wxError(40125));
	if (b.appid === undefined) return countClear(state, state.component.appId);
	const acc = authorizedAccount(b.appid, state);
	if (isResponse(acc)) return acc;
	return countClear(state, acc.appId);
};

/** `/cgi-bin/token` with the component's AppID is refused as in real WeChat. */
const plainToken: Handler = (req, { state }) =>
	json(wxError(req.query.appid === state.component.appId ? 61024 : 40013));

export const component: ApiArea = {
	name: 'component',
	routes: {
		'/cgi-bin/component/api_component_token': apiComponentToken,
		'/cgi-bin/component/api_start_push_ticket': startPushTicket,
		'/cgi-bin/component/api_create_preauthcode': createPreAuthCode,
		'/cgi-bin/component/api_query_auth': queryAuth,
		'/cgi-bin/component/api_authorizer_token': authorizerToken,
		'/cgi-bin/component/api_get_authorizer_info': getAuthorizerInfo,
		'/cgi-bin/component/api_get_authorizer_list': getAuthorizerList,
		'/cgi-bin/component/api_get_authorizer_option': getOption(true),
		'/cgi-bin/component/api_set_authorizer_option': setOption(true),
		'/cgi-bin/component/get_authorizer_option': getOption(false),
		'/cgi-bin/component/set_authorizer_option': setOption(false),
		'/cgi-bin/clear_quota': clearQuota,
		'/cgi-bin/component/clear_quota/v2': clearQuotaV2,
		'/cgi-bin/token': plainToken,
	},
};
