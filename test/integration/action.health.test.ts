/**
 * The action node's Platform resource against the simulator: Get Status (with and without
 * accounts), Get Quota, Look Up Request ID and Clear Quota, for the platform and for an account.
 */
import type { IDataObject } from 'n8n-workflow';

import { startWithFollower, OA, OPENID, type ActionHarness } from '../helpers/actionHarness';

let h: ActionHarness;

beforeAll(async () => {
	h = await startWithFollower();
});
afterAll(() => h.close());

const platformOp = (operation: string, extra: IDataObject = {}) =>
	h.run({ resource: 'platform', operation, ...extra }, [{ json: {} }]);
const forAccount = { scope: 'authorizer', authorizer: { __rl: true, mode: 'id', value: OA.appId } };

describe('Get Status', () => {
	test('one platform item; with Include Accounts, one more per account', async () => {
		const only = await platformOp('getStatus');
		expect(only).toHaveLength(1);
		expect(only[0].json).toMatchObject({
			type: 'platform',
			componentAppId: h.component.appId,
			storeKind: 'file',
			storeAnswers: true,
			ticketAgeMinutes: 0,
			needsAttention: false,
			accountsNeedingAttention: 0,
			rejected: { badSignature: 0, undecryptable: 0, wrongAppId: 0, stale: 0 },
		});

		const all = await platformOp('getStatus', { includeAccounts: true });
		expect(all.map((i) => i.json.type)).toEqual(['platform', 'account']);
		expect(all[1].json).toMatchObject({
			authorizerAppId: OA.appId,
			nickName: OA.nickName,
			needsAttention: false,
			lastRefreshResult: 'ok',
		});
		h.expectNoSecrets(all);
	});

	test('a lower Ticket Max Age flags the same ticket', async () => {
		// The option's floor is 11 minutes; 0 would be refused by n8n's UI, the core takes it as is.
		const [item] = await h.run(
			{
				resource: 'platform',
				operation: 'getStatus',
				statusOptions: { ticketMaxAgeMinutes: -1 },
			},
			[{ json: {} }],
		);
		expect(item.json.needsAttention).toBe(true);
		expect(String(item.json.attentionReasons)).toMatch(
			/component_verify_ticket arrived 0 minutes ago/,
		);
	});
});

describe('API quota', () => {
	test('Get Quota counts the calls of the account, separately from the platform', async () => {
		for (let i = 0; i < 3; i++)
			await h.platform.authorizerRequest(OA.appId, {
				method: 'GET',
				path: '/cgi-bin/user/info',
				query: { openid: OPENID },
			});
		const [account] = await platformOp('getQuota', {
			...forAccount,
			cgiPath: '/cgi-bin/user/info',
		});
		expect(account.json).toMatchObject({
			scope: 'authorizer',
			authorizerAppId: OA.appId,
			cgiPath: '/cgi-bin/user/info',
			quota: { daily_limit: 5_000_000, used: 3, remain: 4_999_997 },
		});
		expect(account.json).not.toHaveProperty('errcode');
		const quotaCall = h.sim.requests.filter((r) => r.path === '/cgi-bin/openapi/quota/get').at(-1)!;
		expect(h.sim.state.tokens.get(quotaCall.query.access_token)).toMatchObject({
			kind: 'authorizer',
			appId: OA.appId,
		});

		const [component] = await platformOp('getQuota', { cgiPath: '/cgi-bin/user/info' });
		expect(component.json).toMatchObject({ scope: 'component', quota: { used: 0 } });
	});

	test('Clear Quota resets the account', async () => {
		const [cleared] = await platformOp('clearQuota', forAccount);
		expect(cleared.json).toMatchObject({ cleared: true, errcode: 0, authorizerAppId: OA.appId });
		const [after] = await platformOp('getQuota', { ...forAccount, cgiPath: '/cgi-bin/user/info' });
		expect(after.json).toMatchObject({ quota: { used: 0 } });
	});

	test('an unknown path is a typed error with a hint', async () => {
		const out = await h.run(
			{ resource: 'platform', operation: 'getQuota', cgiPath: '/cgi-bin/openapi/quota/get' },
			[{ json: {} }],
			{ continueOnFail: true },
		);
		expect(out[0].json).toMatchObject({ errcode: 76022, hint: expect.stringMatching(/no quota/) });
	});
});

describe('Look Up Request ID', () => {
	test('finds the failed call from a pasted errmsg, without the token or secrets it carried', async () => {
		h.sim.failNext('/cgi-bin/menu/get', 45009);
		const error = (await h.platform
			.authorizerRequest(OA.appId, { method: 'GET', path: '/cgi-bin/menu/get' })
			.catch((e: unknown) => e)) as { errmsg: string };
		expect(error.errmsg).toMatch(/rid: /);

		const [found] = await platformOp('lookUpRequestId', { ...forAccount, rid: error.errmsg });
		expect(found.json).toMatchObject({
			scope: 'authorizer',
			rid: /rid: (\S+)$/.exec(error.errmsg)![1],
			request_url: '/cgi-bin/menu/get?access_token=***',
			invokedAt: expect.any(String),
		});
		expect(JSON.parse(String(found.json.response_body))).toMatchObject({ errcode: 45009 });
		h.expectNoSecrets(found);

		// Looked up with the platform's token, the account's call is not the platform's.
		const out = await h.run(
			{ resource: 'platform', operation: 'lookUpRequestId', rid: error.errmsg },
			[{ json: {} }],
			{ continueOnFail: true },
		);
		expect(out[0].json).toMatchObject({
			errcode: 76003,
			hint: expect.stringMatching(/another caller/),
		});
	});

	test('text that is not a rid is refused before any call', async () => {
		h.sim.clearRecords();
		const out = await h.run(
			{ resource: 'platform', operation: 'lookUpRequestId', rid: 'not a rid!' },
			[{ json: {} }],
			{ continueOnFail: true },
		);
		expect(out[0].json.error).toMatch(/not a WeChat request ID/);
		expect(h.sim.requests.filter((r) => r.path === '/cgi-bin/openapi/rid/get')).toHaveLength(0);
	});
});
