/**
 * The declarations of `nodes/WeChatOpenPlatform/shared/operation.ts` against the simulator over real
 * HTTP: an account-scoped operation reads its account before its own parameters (a bad account is
 * reported, and nothing is sent, even when a parameter is wrong too); a one-call operation sends
 * the request its `read` built and answers with the account and the parameters it echoes.
 */
import { startActionHarness, type ActionHarness } from '../helpers/actionHarness';

let h: ActionHarness;
const MINI = {
	appId: 'wx0be0be0be0be0be0',
	userName: 'gh_0be0be0be0be',
	nickName: 'Operation Test Mini Program',
	miniProgram: true,
	funcInfo: [17, 18, 19],
};

beforeAll(async () => {
	h = await startActionHarness();
	await h.authorize(MINI);
});
afterAll(() => h.close());
beforeEach(() => h.sim.clearRecords());

describe('operation declarations', () => {
	it.each([
		['miniProgramCode', { operation: 'grayRelease', grayPercentage: 0 }],
		['miniProgramCode', { operation: 'speedUpAudit', auditId: 'not a number' }],
		['miniProgramProfile', { operation: 'setSignature', signature: '' }],
		['miniProgramSettings', { operation: 'addTester', wechatId: '' }],
	])('%s %o: the account is read first', async (resource, parameters) => {
		const [out] = await h.run(
			{ resource, ...parameters },
			[{ json: { authorizerAppId: 'no such account!' } }],
			{ continueOnFail: true },
		);
		expect(out.json.error).toMatch(/"no such account!" is not an AppID/);
		expect(h.sim.requests).toEqual([]);
	});

	it('a one-call operation sends the request its read built, on the path it chose', async () => {
		await h.run(
			{ resource: 'miniProgramCode', operation: 'getAuditStatus', audit: 'byId', auditId: ' 42 ' },
			[{ json: { authorizerAppId: MINI.appId } }],
			{ continueOnFail: true },
		);
		const request = h.onlyRequest('/wxa/get_auditstatus');
		expect(request.method).toBe('POST');
		expect(request.body).toEqual({ auditid: 42 });
	});

	it("a one-call operation answers with success, the account and WeChat's answer", async () => {
		const [out] = await h.run(
			{ resource: 'miniProgramProfile', operation: 'setSignature', signature: 'Fresh tea daily' },
			[{ json: { authorizerAppId: MINI.appId } }],
		);
		expect(out.json).toEqual({
			success: true,
			authorizerAppId: MINI.appId,
			errcode: 0,
			errmsg: 'ok',
		});
		expect(h.onlyRequest('/cgi-bin/account/modifysignature').body).toEqual({
			signature: 'Fresh tea daily',
		});
	});
});
