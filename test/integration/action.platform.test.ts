import axios from 'axios';
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { startWithFollower, OA, OPENID, type ActionHarness } from '../helpers/actionHarness';
import { loadOptionsContext } from '../helpers/n8n';

let h: ActionHarness;
const TEA = { appId: 'wx1111222233334444', userName: 'gh_aaaabbbbcccc', nickName: 'Tea House' };
const trigger = { json: { authorizerAppId: OA.appId } };

beforeAll(async () => {
	h = await startWithFollower();
});
afterAll(() => h.close());
beforeEach(() => h.sim.clearRecords());

const only = (path: string) => h.onlyRequest(path);
const componentTokenOf = (query: Record<string, string>) => h.componentTokenOf(query);

describe('Authorization', () => {
	it('gets authorization URLs (PC and mobile) with a fresh pre_auth_code', async () => {
		const [out] = await h.run(
			{
				resource: 'authorization',
				operation: 'getAuthorizationUrl',
				redirectUri: 'https://n8n.example.com/done',
				options: { authType: 1, categoryIdList: '1, 15' },
			},
			[{ json: {} }],
		);
		expect(componentTokenOf(only('/cgi-bin/component/api_create_preauthcode').query)).toMatchObject(
			{ kind: 'component' },
		);
		const pc = new URL(String(out.json.url));
		// The credential points at the local simulator, which serves WeChat's authorization page itself.
		expect(pc.origin + pc.pathname).toBe(`${h.sim.url}/cgi-bin/componentloginpage`);
		expect(pc.searchParams.get('component_appid')).toBe(h.component.appId);
		expect(pc.searchParams.get('redirect_uri')).toBe('https://n8n.example.com/done');
		expect(pc.searchParams.get('auth_type')).toBe('1');
		expect(pc.searchParams.get('category_id_list')).toBe('1|15');
		expect(h.sim.state.preAuthCodes.has(pc.searchParams.get('pre_auth_code')!)).toBe(true);
		const mobile = new URL(String(out.json.mobileUrl));
		expect(mobile.searchParams.get('pre_auth_code')).toBe(pc.searchParams.get('pre_auth_code'));
		expect(mobile.hash).toBe('#wechat_redirect');
		expect(out.json.expiresIn).toBeGreaterThan(0);
		await expect(
			h.run(
				{
					resource: 'authorization',
					operation: 'getAuthorizationUrl',
					redirectUri: 'javascript:alert(1)',
				},
				[{ json: {} }],
			),
		).rejects.toThrow(/http\(s\) URL/);
	});

	it('exchanges an authorization code (default from the authorized event) without exposing tokens', async () => {
		h.sim.addAuthorizer(TEA);
		const code = h.sim.createAuthorizationCode(TEA.appId);
		const [out] = await h.run(
			{ resource: 'authorization', operation: 'exchangeAuthorizationCode' },
			[{ json: { InfoType: 'authorized', AuthorizerAppid: TEA.appId, AuthorizationCode: code } }],
		);
		expect(only('/cgi-bin/component/api_query_auth').body).toMatchObject({
			authorization_code: code,
		});
		expect(out.json.authorizerAppId).toBe(TEA.appId);
		expect(Array.isArray(out.json.func_info)).toBe(true);
		expect(JSON.stringify(out.json)).not.toMatch(/token/);
		h.expectNoSecrets(out);
		// The stored tokens work for the next call on behalf of the account.
		const [info] = await h.run(
			{
				resource: 'authorization',
				operation: 'getAuthorizerInfo',
				authorizer: { __rl: true, mode: 'list', value: TEA.appId },
			},
			[{ json: {} }],
		);
		expect((info.json.authorizer_info as IDataObject).nick_name).toBe(TEA.nickName);
		expect(JSON.stringify(info.json)).not.toMatch(/refresh_token/);
		h.expectNoSecrets(info);
	});

	it('lists authorizers with their names, honouring Limit', async () => {
		const all = await h.run(
			{ resource: 'authorization', operation: 'getManyAuthorizers', returnAll: true },
			[{ json: {} }],
		);
		expect(all.map((i) => i.json.authorizerAppId).sort()).toEqual([OA.appId, TEA.appId].sort());
		expect(all.find((i) => i.json.authorizerAppId === OA.appId)!.json.nickName).toBe(OA.nickName);
		h.expectNoSecrets(all);
		const one = await h.run(
			{ resource: 'authorization', operation: 'getManyAuthorizers', limit: 1 },
			[{ json: {} }],
		);
		expect(one).toHaveLength(1);
	});

	it('gets and sets authorizer options', async () => {
		await h.run(
			{
				resource: 'authorization',
				operation: 'setAuthorizerOption',
				optionName: 'voice_recognize',
				optionValue: '1',
			},
			[trigger],
		);
		expect(only('/cgi-bin/component/api_set_authorizer_option').body).toEqual({
			component_appid: h.component.appId,
			authorizer_appid: OA.appId,
			option_name: 'voice_recognize',
			option_value: '1',
		});
		const [got] = await h.run(
			{
				resource: 'authorization',
				operation: 'getAuthorizerOption',
				optionName: 'voice_recognize',
			},
			[trigger],
		);
		expect(got.json).toMatchObject({
			authorizerAppId: OA.appId,
			option_name: 'voice_recognize',
			option_value: '1',
		});
		await expect(
			h.run(
				{
					resource: 'authorization',
					operation: 'setAuthorizerOption',
					optionName: 'voice_recognize',
					optionValue: '2',
				},
				[trigger],
			),
		).rejects.toThrow(/only for Location Report/);
	});

	it('starts the ticket push', async () => {
		const [out] = await h.run({ resource: 'authorization', operation: 'startTicketPush' }, [
			{ json: {} },
		]);
		expect(only('/cgi-bin/component/api_start_push_ticket').body).toMatchObject({
			component_appid: h.component.appId,
		});
		expect(out.json).toEqual({ success: true, errmsg: 'ok' });
		h.expectNoSecrets(out);
	});

	it('searches the account list: stored names plus accounts only WeChat lists', async () => {
		// An account authorized behind this store's back (e.g. before the store existed).
		const hidden = { appId: 'wx9999888877776666', userName: 'gh_999988887777', nickName: 'Hidden' };
		h.sim.addAuthorizer(hidden);
		const token = await h.platform.getComponentAccessToken();
		await axios.post(
			`${h.sim.url}/cgi-bin/component/api_query_auth`,
			{
				component_appid: h.component.appId,
				authorization_code: h.sim.createAuthorizationCode(hidden.appId),
			},
			{ params: { component_access_token: token } },
		);

		const { context } = loadOptionsContext(h.node, h.credentials);
		const search = h.node.methods.listSearch.searchAuthorizers;
		const all = await search.call(context);
		expect(all.results).toEqual(
			expect.arrayContaining([
				{ name: `${OA.nickName} (${OA.appId})`, value: OA.appId },
				{ name: `${TEA.nickName} (${TEA.appId})`, value: TEA.appId },
				{ name: hidden.appId, value: hidden.appId },
			]),
		);
		expect((await search.call(context, 'tea')).results).toEqual([
			{ name: `${TEA.nickName} (${TEA.appId})`, value: TEA.appId },
		]);
		expect((await search.call(context, OA.userName)).results.map((r) => r.value)).toEqual([
			OA.appId,
		]);

		// WeChat unreachable for the list (IP not whitelisted): the stored accounts still show.
		h.sim.setIpWhitelisted(false);
		try {
			const { context: offline, logs } = loadOptionsContext(h.node, h.credentials);
			const stored = await search.call(offline);
			expect(stored.results.map((r) => r.value)).toEqual(
				expect.arrayContaining([OA.appId, TEA.appId]),
			);
			expect(logs.join('\n')).toMatch(/61004/);
			h.expectNoSecrets(logs);
		} finally {
			h.sim.setIpWhitelisted(true);
		}
	});
});

describe('Token', () => {
	it('outputs the component and authorizer tokens only when asked', async () => {
		const [component] = await h.run({ resource: 'token', operation: 'getComponentAccessToken' }, [
			{ json: {} },
		]);
		expect(h.sim.state.tokens.get(String(component.json.componentAccessToken))).toMatchObject({
			kind: 'component',
		});
		expect(component.json.componentAppId).toBe(h.component.appId);
		const [authorizer] = await h.run({ resource: 'token', operation: 'getAuthorizerAccessToken' }, [
			trigger,
		]);
		expect(h.sim.state.tokens.get(String(authorizer.json.authorizerAccessToken))).toMatchObject({
			kind: 'authorizer',
			appId: OA.appId,
		});
		// The token works in an HTTP Request node.
		const res = await axios.get(`${h.sim.url}/cgi-bin/user/info`, {
			params: { access_token: authorizer.json.authorizerAccessToken, openid: OPENID },
		});
		expect(res.data.nickname).toBe('Li Lei');
	});
});

describe('OAuth', () => {
	it('builds the authorize URL for an authorized account', async () => {
		const [out] = await h.run(
			{
				resource: 'oauth',
				operation: 'getAuthorizeUrl',
				redirectUri: 'https://shop.example.com/r',
				scope: 'snsapi_userinfo',
				state: 'o42',
			},
			[trigger],
		);
		const url = new URL(String(out.json.url));
		expect(url.origin + url.pathname).toBe('https://open.weixin.qq.com/connect/oauth2/authorize');
		expect(Object.fromEntries(url.searchParams)).toEqual({
			appid: OA.appId,
			redirect_uri: 'https://shop.example.com/r',
			response_type: 'code',
			scope: 'snsapi_userinfo',
			state: 'o42',
			component_appid: h.component.appId,
		});
		expect(url.hash).toBe('#wechat_redirect');
	});

	it('exchanges a code (default from the webhook query) and fetches the profile without outputting tokens', async () => {
		const code = h.sim.createOAuthCode(OA.appId, OPENID, 'snsapi_userinfo');
		const [out] = await h.run(
			{ resource: 'oauth', operation: 'exchangeCode', options: { fetchUserInfo: true } },
			[{ json: { authorizerAppId: OA.appId, query: { code, state: 'x' } } }],
		);
		const exchange = only('/sns/oauth2/component/access_token');
		expect(exchange.query).toMatchObject({
			appid: OA.appId,
			code,
			component_appid: h.component.appId,
			grant_type: 'authorization_code',
		});
		expect(componentTokenOf(exchange.query)).toMatchObject({ kind: 'component' });
		expect(out.json).toMatchObject({
			authorizerAppId: OA.appId,
			openid: OPENID,
			scope: 'snsapi_userinfo',
		});
		expect((out.json.userInfo as IDataObject).nickname).toBe('Li Lei');
		expect(out.json).not.toHaveProperty('access_token');
		expect(out.json).not.toHaveProperty('refresh_token');
		h.expectNoSecrets(out);
	});

	it('outputs the user tokens on request, for Get User Info', async () => {
		const code = h.sim.createOAuthCode(OA.appId, OPENID, 'snsapi_userinfo');
		const [grant] = await h.run(
			{ resource: 'oauth', operation: 'exchangeCode', code, options: { includeTokens: true } },
			[trigger],
		);
		expect(h.sim.state.oauthTokens.has(String(grant.json.access_token))).toBe(true);
		const [profile] = await h.run({ resource: 'oauth', operation: 'getUserInfo' }, [grant]);
		expect(only('/sns/userinfo').query).toMatchObject({
			openid: OPENID,
			access_token: grant.json.access_token,
		});
		expect(profile.json).toMatchObject({ openid: OPENID, nickname: 'Li Lei' });
	});
});

describe('API Request', () => {
	it('calls an authorizer API with query parameters', async () => {
		const [out] = await h.run(
			{
				resource: 'apiRequest',
				operation: 'call',
				method: 'GET',
				path: '/cgi-bin/user/info',
				query: { parameter: [{ name: 'openid', value: OPENID }] },
			},
			[trigger],
		);
		const request = only('/cgi-bin/user/info');
		expect(request.method).toBe('GET');
		expect(request.query.openid).toBe(OPENID);
		expect(h.sim.state.tokens.get(request.query.access_token)).toMatchObject({
			kind: 'authorizer',
			appId: OA.appId,
		});
		expect(out.json.nickname).toBe('Li Lei');
	});

	it('calls a component API with a JSON body and strips tokens from the answer', async () => {
		const [out] = await h.run(
			{
				resource: 'apiRequest',
				operation: 'call',
				tokenType: 'component',
				path: '/cgi-bin/component/api_get_authorizer_info',
				jsonBody: JSON.stringify({
					component_appid: h.component.appId,
					authorizer_appid: OA.appId,
				}),
			},
			[{ json: {} }],
		);
		const request = only('/cgi-bin/component/api_get_authorizer_info');
		expect(request.body).toEqual({
			component_appid: h.component.appId,
			authorizer_appid: OA.appId,
		});
		expect(componentTokenOf(request.query)).toMatchObject({ kind: 'component' });
		expect((out.json.authorizer_info as IDataObject).user_name).toBe(OA.userName);
		expect(out.json.authorization_info).not.toHaveProperty('authorizer_refresh_token');
		h.expectNoSecrets(out);
	});

	it('returns a file as binary data', async () => {
		const bytes = Buffer.from('voice-bytes-\u0000\u0001\u00ff', 'latin1');
		const [up] = await h.run({ resource: 'media', operation: 'upload', mediaType: 'voice' }, [
			{
				json: trigger.json,
				binary: {
					data: { data: bytes.toString('base64'), mimeType: 'audio/amr', fileName: 'v.amr' },
				},
			},
		]);
		const [out] = await h.run(
			{
				resource: 'apiRequest',
				operation: 'call',
				method: 'GET',
				path: '/cgi-bin/media/get',
				query: { parameter: [{ name: 'media_id', value: String(up.json.media_id) }] },
				options: { responseFormat: 'file', binaryPropertyName: 'voice' },
			},
			[trigger],
		);
		expect(Buffer.from(out.binary!.voice.data, 'base64').equals(bytes)).toBe(true);
		expect(out.json).toMatchObject({
			fileName: 'v.amr',
			mimeType: 'audio/amr',
			fileSize: bytes.length,
		});
	});

	it('refuses paths to other hosts and a hand-set token, before calling anything', async () => {
		const base = { resource: 'apiRequest', operation: 'call', method: 'GET' };
		for (const path of [
			'https://evil.example.com/steal',
			'//evil.example.com/x',
			'/cgi-bin/../../x',
			'cgi-bin/user/get',
			'/a?b=c',
		]) {
			const error = await h.run({ ...base, path }, [trigger]).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect((error as Error).message).toMatch(/not an API path/);
		}
		await expect(
			h.run(
				{
					...base,
					path: '/cgi-bin/user/get',
					query: { parameter: [{ name: 'access_token', value: 'x' }] },
				},
				[trigger],
			),
		).rejects.toThrow(/adds the token itself/);
		expect(h.sim.requests).toHaveLength(0);
	});

	it('uses the same retry policy: 42001 refreshes the token once and retries', async () => {
		h.sim.failNext('/cgi-bin/menu/delete', 42001);
		await h.run(
			{ resource: 'apiRequest', operation: 'call', method: 'GET', path: '/cgi-bin/menu/delete' },
			[trigger],
		);
		const calls = h.sim.requests.filter((r) => r.path === '/cgi-bin/menu/delete');
		expect(calls).toHaveLength(2);
		expect(calls[0].query.access_token).not.toBe(calls[1].query.access_token);
	});
});
