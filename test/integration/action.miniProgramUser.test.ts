/**
 * Mini Program User against the simulator: Code to Session (js_code from "wx.login", one use, 5
 * minutes; the session_key only on request), Decrypt User Data with the key it returned, and Get
 * Phone Number.
 */
import { NodeApiError, type IDataObject } from 'n8n-workflow';

import {
	encryptUserData,
	issueJsCode,
	issuePhoneCode,
	miniProgramUsers,
} from '../../simulator/miniProgramUsers';
import { startActionHarness, OA, type ActionHarness } from '../helpers/actionHarness';

const MP = {
	appId: 'wx5a6b7c8d9e0f1a2b',
	userName: 'gh_a1b2c3d4e5f6',
	nickName: 'Demo Mini Shop',
	miniProgram: true,
};
const USER = 'oMiniUser000000000000000001A';

let h: ActionHarness;

beforeAll(async () => {
	h = await startActionHarness({ accounts: [MP, OA] });
});
afterAll(() => h.close());

const mp = { __rl: true, mode: 'id', value: MP.appId };
const run = (operation: string, extra: IDataObject, continueOnFail = false) =>
	h.run({ resource: 'miniProgramUser', operation, authorizer: mp, ...extra }, [{ json: {} }], {
		continueOnFail,
	});
const sessionKeyOf = (openid: string) =>
	miniProgramUsers(h.sim.state).sessionKeys.get(`${MP.appId}:${openid}`)!;

describe('Code to Session', () => {
	test('gives the openid and unionid, not the session_key', async () => {
		const code = issueJsCode(h.sim.state, MP.appId, USER, {
			unionid: 'oUnion000000000000000000001',
		});
		const [item] = await run('codeToSession', { jsCode: code });
		expect(item.json).toEqual({
			authorizerAppId: MP.appId,
			openid: USER,
			unionid: 'oUnion000000000000000000001',
		});
		expect(JSON.stringify(item)).not.toContain(sessionKeyOf(USER));
		// The component token and component AppID went with the call (the third-party variant).
		const call = h.sim.requests.find((r) => r.path === '/sns/component/jscode2session');
		expect(call?.query).toMatchObject({
			appid: MP.appId,
			component_appid: h.component.appId,
			grant_type: 'authorization_code',
		});
	});

	test('Include Session Key outputs it; a code works once and expires after 5 minutes', async () => {
		const code = issueJsCode(h.sim.state, MP.appId, USER);
		const [item] = await run('codeToSession', {
			jsCode: code,
			sessionOptions: { includeSessionKey: true },
		});
		expect(item.json.session_key).toBe(sessionKeyOf(USER));

		const again = await run('codeToSession', { jsCode: code }, true);
		expect(again[0].json).toMatchObject({ errcode: 40163, hint: expect.stringMatching(/once/) });
		// n8n's "Continue (using error output)" routes failed items by their `error` (the login
		// example's 401 branch): without it a refused code went down the success output.
		expect(again[0].error).toBeInstanceOf(NodeApiError);
		// Neither the code nor the key appears in the error.
		expect(JSON.stringify(again)).not.toContain(code);
		expect(JSON.stringify(again)).not.toContain(sessionKeyOf(USER));

		const late = issueJsCode(h.sim.state, MP.appId, USER);
		h.sim.clock.advance(5 * 60_000);
		const expired = await run('codeToSession', { jsCode: late }, true);
		expect(expired[0].json).toMatchObject({ errcode: 40029, hint: expect.any(String) });
	});

	test("another mini program's code is refused (40029)", async () => {
		const code = issueJsCode(h.sim.state, OA.appId, USER);
		const out = await run('codeToSession', { jsCode: code }, true);
		expect(out[0].json).toMatchObject({ errcode: 40029 });
	});

	test('an empty code fails before WeChat is called', async () => {
		const before = h.sim.count('/sns/component/jscode2session');
		const out = await run('codeToSession', { jsCode: '  ' }, true);
		expect(out[0].json.error).toMatch(/JS Code is empty/);
		expect(h.sim.count('/sns/component/jscode2session')).toBe(before);
	});
});

describe('Decrypt User Data', () => {
	test('opens the data with the key Code to Session returned; a stale key or another watermark is refused', async () => {
		const [session] = await run('codeToSession', {
			jsCode: issueJsCode(h.sim.state, MP.appId, USER),
			sessionOptions: { includeSessionKey: true },
		});
		const sessionKey = String(session.json.session_key);
		const sealed = encryptUserData(h.sim.state, MP.appId, USER, { nickName: '小明', gender: 1 });
		const [data] = await run('decryptUserData', { sessionKey, ...sealed });
		expect(data.json).toMatchObject({
			nickName: '小明',
			gender: 1,
			watermark: { appid: MP.appId },
		});

		// The data checked as another account's: its watermark says otherwise.
		const other = await h.run(
			{
				resource: 'miniProgramUser',
				operation: 'decryptUserData',
				authorizer: { __rl: true, mode: 'id', value: OA.appId },
				sessionKey,
				...sealed,
			},
			[{ json: {} }],
			{ continueOnFail: true },
		);
		expect(other[0].json).toMatchObject({ code: 'USER_DATA_WATERMARK', hint: expect.any(String) });

		// A new wx.login renews the key: the old one no longer opens new data.
		issueJsCode(h.sim.state, MP.appId, USER);
		const renewed = encryptUserData(h.sim.state, MP.appId, USER, { nickName: 'x' });
		const stale = await run('decryptUserData', { sessionKey, ...renewed }, true);
		expect(stale[0].json).toMatchObject({ code: 'USER_DATA_DECRYPT' });
		expect(JSON.stringify(stale)).not.toContain(sessionKey);
	});
});

describe('Get Phone Number', () => {
	test('gives the number of a getPhoneNumber code, once', async () => {
		const code = issuePhoneCode(h.sim.state, MP.appId, '13800138000');
		const [item] = await run('getPhoneNumber', { phoneCode: code });
		expect(item.json).toEqual({
			authorizerAppId: MP.appId,
			phoneNumber: '13800138000',
			purePhoneNumber: '13800138000',
			countryCode: '86',
			watermark: { timestamp: expect.any(Number), appid: MP.appId },
		});
		const again = await run('getPhoneNumber', { phoneCode: code }, true);
		expect(again[0].json).toMatchObject({ errcode: 40163 });
		h.expectNoSecrets([item, again]);
	});

	test('a number outside mainland China carries its country code', async () => {
		const code = issuePhoneCode(h.sim.state, MP.appId, '91234567', '852');
		const [item] = await run('getPhoneNumber', { phoneCode: code });
		expect(item.json).toMatchObject({ phoneNumber: '+85291234567', countryCode: '852' });
	});
});
