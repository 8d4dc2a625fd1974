import axios from 'axios';

import { startActionHarness, OA, type ActionHarness } from '../helpers/actionHarness';
import { loadOptionsContext } from '../helpers/n8n';

let h: ActionHarness;
const MINI = {
	appId: 'wx7c7c7c7c7c7c7c7c',
	userName: 'gh_7c7c7c7c7c7c',
	nickName: 'Demo Mini Tea',
	miniProgram: true,
	funcInfo: [17, 18],
};
// Authorized behind this store's back (e.g. before the store existed): its type is not recorded.
const HIDDEN_MINI = {
	appId: 'wx8d8d8d8d8d8d8d8d',
	userName: 'gh_8d8d8d8d8d8d',
	nickName: 'Hidden Mini',
	miniProgram: true,
};

beforeAll(async () => {
	h = await startActionHarness({ accounts: [OA, MINI] });
	h.sim.addAuthorizer(HIDDEN_MINI);
	await axios.post(
		`${h.sim.url}/cgi-bin/component/api_query_auth`,
		{
			component_appid: h.component.appId,
			authorization_code: h.sim.createAuthorizationCode(HIDDEN_MINI.appId),
		},
		{ params: { component_access_token: await h.platform.getComponentAccessToken() } },
	);
});
afterAll(() => h.close());

async function search(resource: string): Promise<string[]> {
	const { context } = loadOptionsContext(h.node, h.credentials, { resource });
	const found = await h.node.methods.listSearch.searchAuthorizers.call(context);
	return found.results.map((r) => String(r.value)).sort();
}

describe('account type (MiniProgramInfo in the authorizer info)', () => {
	it('the picker lists only mini programs for mini-program resources, only Official Accounts for Official Account ones', async () => {
		// The hidden account's type is looked up once (api_get_authorizer_info) and recorded.
		expect(await search('miniProgramSettings')).toEqual([MINI.appId, HIDDEN_MINI.appId].sort());
		const lookups = h.sim.count('/cgi-bin/component/api_get_authorizer_info');
		expect(await search('menu')).toEqual([OA.appId]);
		expect(await search('templateMessage')).toEqual([OA.appId]);
		expect(await search('jsSdk')).toEqual([OA.appId]);
		expect(await search('miniProgramUser')).toEqual([MINI.appId, HIDDEN_MINI.appId].sort());
		expect(h.sim.count('/cgi-bin/component/api_get_authorizer_info')).toBe(lookups);
		// Resources for both kinds list everyone.
		expect(await search('message')).toEqual([OA.appId, MINI.appId, HIDDEN_MINI.appId].sort());
		expect(await search('apiRequest')).toEqual([OA.appId, MINI.appId, HIDDEN_MINI.appId].sort());
	});

	it('Get Many Authorizers filters by account type and says the type of each account', async () => {
		const minis = await h.run(
			{
				resource: 'authorization',
				operation: 'getManyAuthorizers',
				accountType: 'mini program',
				returnAll: true,
			},
			[{ json: {} }],
		);
		expect(minis.map((i) => i.json.authorizerAppId).sort()).toEqual(
			[MINI.appId, HIDDEN_MINI.appId].sort(),
		);
		expect(minis.every((i) => i.json.accountType === 'mini program')).toBe(true);
		expect(minis.find((i) => i.json.authorizerAppId === MINI.appId)!.json.nickName).toBe(
			MINI.nickName,
		);
		const accounts = await h.run(
			{ resource: 'authorization', operation: 'getManyAuthorizers', returnAll: true },
			[{ json: {} }],
		);
		expect(accounts).toHaveLength(3);
		expect(accounts.find((i) => i.json.authorizerAppId === OA.appId)!.json.accountType).toBe(
			'official account',
		);
		const officialAccounts = await h.run(
			{
				resource: 'authorization',
				operation: 'getManyAuthorizers',
				accountType: 'official account',
				returnAll: true,
			},
			[{ json: {} }],
		);
		expect(officialAccounts.map((i) => i.json.authorizerAppId)).toEqual([OA.appId]);
	});
});
