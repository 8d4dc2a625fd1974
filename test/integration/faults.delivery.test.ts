import { WeChatApiError, WeChatDeliveryUnknownError } from '../../core/api/errors';
import { WeChatPlatform } from '../../core/platform';
import { closeAllPlatforms } from '../../core/platformRegistry';
import { MERCHANT_APPID, configFor, startFixture, type Fixture } from '../helpers/platformSetup';

const SEND = '/cgi-bin/message/custom/send';
const TEMPLATE = '/cgi-bin/message/template/send';
const TYPING = '/cgi-bin/message/custom/typing';
const USERS = '/cgi-bin/user/get';
const OPENID = 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M';

let f: Fixture;
let platform: WeChatPlatform;

beforeEach(async () => {
	f = await startFixture();
	platform = new WeChatPlatform(configFor(f, { kind: 'memory' }));
	await platform.saveTicket(f.sim.issueTicket());
	await platform.queryAuth(f.sim.createAuthorizationCode(MERCHANT_APPID));
	// tokens are fetched: only the calls under test reach the simulator from here on
	f.sim.addUser(MERCHANT_APPID, OPENID, { interacted: true });
	await platform.getAuthorizerAccessToken(MERCHANT_APPID);
	f.sim.clearRecords();
});
afterEach(async () => {
	await platform.close();
	await f.sim.close();
	await closeAllPlatforms();
});

const text = (content: string) => ({
	touser: OPENID,
	msgtype: 'text',
	text: { content },
});

test('-1 on a customer-service send: one request, never repeated, DELIVERY_UNKNOWN with a hint', async () => {
	f.sim.failNext(SEND, -1);
	const error = await platform
		.authorizerRequest(MERCHANT_APPID, { method: 'POST', path: SEND, body: text('hello') })
		.then(
			() => undefined,
			(e: unknown) => e,
		);
	expect(error).toBeInstanceOf(WeChatDeliveryUnknownError);
	expect(error).toBeInstanceOf(WeChatApiError);
	const e = error as WeChatDeliveryUnknownError;
	expect(e.code).toBe('DELIVERY_UNKNOWN');
	expect(e.errcode).toBe(-1);
	expect(e.hint).toMatch(/check whether the user received/);
	expect(f.sim.count(SEND)).toBe(1);
	// the next send goes through once
	await platform.authorizerRequest(MERCHANT_APPID, {
		method: 'POST',
		path: SEND,
		body: text('again'),
	});
	expect(f.sim.count(SEND)).toBe(2);
	expect(f.sim.sentMessages.map((m) => JSON.stringify(m))).toHaveLength(1);
});

test('-1 on a template send is not repeated either', async () => {
	f.sim.failNext(TEMPLATE, -1);
	await expect(
		platform.authorizerRequest(MERCHANT_APPID, {
			method: 'POST',
			path: TEMPLATE,
			body: { touser: OPENID, template_id: 'tpl', data: {} },
		}),
	).rejects.toMatchObject({ code: 'DELIVERY_UNKNOWN' });
	expect(f.sim.count(TEMPLATE)).toBe(1);
});

test('-1 on a read, on the typing indicator and on a token call is retried with backoff', async () => {
	f.sim.failNext(USERS, -1);
	await expect(
		platform.authorizerRequest(MERCHANT_APPID, { method: 'GET', path: USERS }),
	).resolves.toHaveProperty('total');
	expect(f.sim.count(USERS)).toBe(2);

	f.sim.failNext(TYPING, -1);
	await platform.authorizerRequest(MERCHANT_APPID, {
		method: 'POST',
		path: TYPING,
		body: { touser: OPENID, command: 'Typing' },
	});
	expect(f.sim.count(TYPING)).toBe(2);

	f.sim.failNext('/cgi-bin/component/api_create_preauthcode', -1);
	await expect(platform.createPreAuthCode()).resolves.toHaveProperty('preAuthCode');
	expect(f.sim.count('/cgi-bin/component/api_create_preauthcode')).toBe(2);
});
