import { wxError } from '../errors';
import type { SimRequest, SimResponse } from '../http';
import { OAUTH_REFRESH_TTL_MS } from '../model';
import { randomToken, type SimState } from '../state';
import { json, type ApiArea, type Handler } from './area';

/** Web OAuth on behalf of an account: the component proves itself with its own token. */
function checkComponentCall(req: SimRequest, state: SimState): SimResponse | undefined {
	const q = req.query;
	if (q.component_appid !== state.component.appId) return json(wxError(61011));
	const { errcode } = state.checkToken(q.component_access_token, 'component');
	if (errcode) return json(wxError(errcode));
	const acc = q.appid ? state.authorizers.get(q.appid) : undefined;
	if (!acc) return json(wxError(40013));
	if (!acc.authorized) return json(wxError(61003));
	return undefined;
}

function issue(
	state: SimState,
	appId: string,
	openid: string,
	scope: string,
	refreshToken?: string,
) {
	const access = randomToken('', 64);
	state.oauthTokens.set(access, {
		appId,
		openid,
		scope,
		expiresAt: state.clock.now() + state.tokenTtlSeconds * 1000,
	});
	const refresh = refreshToken ?? randomToken('', 64);
	if (!refreshToken) {
		state.oauthRefreshTokens.set(refresh, {
			appId,
			openid,
			scope,
			expiresAt: state.clock.now() + OAUTH_REFRESH_TTL_MS,
		});
	}
	return {
		access_token: access,
		expires_in: state.tokenTtlSeconds,
		refresh_token: refresh,
		openid,
		scope,
	};
}

const exchange: Handler = (req, { state }) => {
	const denied = checkComponentCall(req, state);
	if (denied) return denied;
	if (req.query.grant_type !== 'authorization_code') return json(wxError(40097, 'grant_type'));
	const code = req.query.code ? state.oauthCodes.get(req.query.code) : undefined;
	if (!code || code.appId !== req.query.appid || state.clock.now() >= code.expiresAt)
		return json(wxError(40029));
	if (code.used) return json(wxError(40163));
	code.used = true;
	return json(issue(state, code.appId, code.openid, code.scope));
};

const refresh: Handler = (req, { state }) => {
	const denied = checkComponentCall(req, state);
	if (denied) return denied;
	if (req.query.grant_type !== 'refresh_token') return json(wxError(40097, 'grant_type'));
	const rt = req.query.refresh_token;
	const entry = rt ? state.oauthRefreshTokens.get(rt) : undefined;
	if (!entry || entry.appId !== req.query.appid) return json(wxError(40030));
	if (state.clock.now() >= entry.expiresAt) return json(wxError(42002));
	return json(issue(state, entry.appId, entry.openid, entry.scope, rt));
};

const userinfo: Handler = (req, { state }) => {
	const token = req.query.access_token;
	const entry = token ? state.oauthTokens.get(token) : undefined;
	if (!entry) return json(wxError(40001));
	if (state.clock.now() >= entry.expiresAt) return json(wxError(42001));
	if (req.query.openid !== entry.openid) return json(wxError(40003));
	if (entry.scope !== 'snsapi_userinfo') return json(wxError(48001));
	const user = state.authorizers.get(entry.appId)?.users.get(entry.openid);
	return json({
		openid: entry.openid,
		nickname: user?.nickname || 'WeChat User',
		sex: 0,
		province: '',
		city: '',
		country: '',
		headimgurl: `https://thirdwx.qlogo.cn/mmopen/vi_32/${entry.openid}/132`,
		privilege: [],
		...(user?.unionid ? { unionid: user.unionid } : {}),
	});
};

export const oauth: ApiArea = {
	name: 'web OAuth',
	routes: {
		'/sns/oauth2/component/access_token': exchange,
		'/sns/oauth2/component/refresh_token': refresh,
		'/sns/userinfo': userinfo,
	},
};
