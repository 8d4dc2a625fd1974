/**
 * Everything the trigger answers with more than "success": full-network release detection,
 * "Reply With the WeChat Open Platform Node" mode, and replies during an EncodingAESKey rotation.
 */
import { buildEncryptedReply, buildReplyXml } from '../../core/reply';
import { WeChatCrypto } from '../../core/crypto';
import { CREDENTIAL_TYPE } from '../../nodes/shared/platform';
import { DEFAULT_OPENID } from '../../simulator';
import { randomEncodingAESKey } from '../../simulator/keys';
import { waitFor, type Execution, type HeldResponse, type WebhookServer } from '../helpers/n8n';
import { startTriggerFixture, type TriggerFixture } from '../helpers/triggerFixture';

/** WeChat's release-test accounts, all five groups: [appId, userName]. */
const TEST_ACCOUNTS = [
	['wx570bc396a51b8ff8', 'gh_3c884a361561'],
	['wxd101a85aa106f53e', 'gh_8dad206e9538'],
	['wx9252c5e0bb1836fc', 'gh_c0f28a78b318'],
	['wxc39235c15087f6f3', 'gh_905ae9d01059'],
	['wx8e1097c5bc82cde9', 'gh_3f222ed8d140'],
	['wx7720d01d4b2a4500', 'gh_393666f1fdf4'],
	['wx14550af28c71a144', 'gh_26128078e9ab'],
	['wx05d483572dcd5d8b', 'gh_39abb5d4e1b7'],
	['wxa35b9c23cfe664eb', 'gh_2b3713f184a6'],
	['wx5910277cae6fd970', 'gh_7818dcb60240'],
] as const;
const [TEST_OA, TEST_USER] = TEST_ACCOUNTS[0];
const OA = { appId: 'wx0a1b2c3d4e5f6a75', userName: 'gh_0a1b2c3d4e65', nickName: 'Noodles' };

let f: TriggerFixture;
let server: WebhookServer;

const callback = (s: WebhookServer, appId: string) => s.url(`${appId}/callback`);

beforeAll(async () => {
	f = await startTriggerFixture();
	for (const [appId, userName] of TEST_ACCOUNTS) {
		f.sim.addAuthorizer({ appId, userName, nickName: `Release test ${userName}` });
	}
	f.sim.addAuthorizer(OA);
	server = await f.serve();
	// A ticket, as WeChat's first release step pushes, so that API calls work.
	expect((await f.sim.pushTicket(server.url('authorization'))).body).toBe('success');
});

afterAll(async () => {
	await f.close();
});

describe('full-network release detection (全网发布接入检测)', () => {
	test('an event from any test account gets the encrypted passive text "<Event>from_callback"', async () => {
		for (const [appId, userName] of TEST_ACCOUNTS) {
			const result = await f.sim.pushMessage(callback(server, appId), appId, {
				MsgType: 'event',
				Event: 'LOCATION',
				Latitude: '23.137466',
				Longitude: '113.352425',
				Precision: '119.385040',
			});
			expect(result.status).toBe(200);
			expect(result.reply?.signatureValid).toBe(true);
			expect(result.reply?.fields).toMatchObject({
				ToUserName: DEFAULT_OPENID,
				FromUserName: userName,
				MsgType: 'text',
				Content: 'LOCATIONfrom_callback',
			});
		}
		expect(server.executions).toHaveLength(0);
	});

	test('TESTCOMPONENT_MSG_TYPE_TEXT gets TESTCOMPONENT_MSG_TYPE_TEXT_callback', async () => {
		const result = await f.sim.pushMessage(callback(server, TEST_OA), TEST_OA, {
			Content: 'TESTCOMPONENT_MSG_TYPE_TEXT',
		});
		expect(result.reply?.signatureValid).toBe(true);
		expect(result.reply?.fields).toMatchObject({
			ToUserName: DEFAULT_OPENID,
			FromUserName: TEST_USER,
			Content: 'TESTCOMPONENT_MSG_TYPE_TEXT_callback',
		});
		expect(server.executions).toHaveLength(0);
	});

	test('QUERY_AUTH_CODE: empty answer now, then the code is exchanged and "<code>_from_api" sent', async () => {
		const [appId] = TEST_ACCOUNTS[3];
		const code = f.sim.createAuthorizationCode(appId);
		const sent = f.sim.sentMessages.length;
		const result = await f.sim.pushMessage(callback(server, appId), appId, {
			Content: `QUERY_AUTH_CODE:${code}`,
		});
		expect({ status: result.status, body: result.body }).toEqual({ status: 200, body: '' });
		await waitFor(() => f.sim.sentMessages.length > sent, 5000, 'the customer-service message');
		expect(f.sim.sentMessages.at(-1)).toMatchObject({
			authorizerAppId: appId,
			kind: 'custom',
			body: { touser: DEFAULT_OPENID, msgtype: 'text', text: { content: `${code}_from_api` } },
		});
		expect(f.sim.count('/cgi-bin/component/api_query_auth')).toBeGreaterThanOrEqual(1);
		expect(server.executions).toHaveLength(0);
	});

	test('QUERY_AUTH_CODE also works when the auto-authorization push exchanged the code first', async () => {
		const [appId] = TEST_ACCOUNTS[8];
		const code = f.sim.createAuthorizationCode(appId);
		await f.sim.pushAuthorizationEvent(server.url('authorization'), {
			infoType: 'authorized',
			authorizerAppId: appId,
			authorizationCode: code,
		});
		const sent = f.sim.sentMessages.length;
		const result = await f.sim.pushMessage(callback(server, appId), appId, {
			Content: `QUERY_AUTH_CODE:${code}`,
		});
		expect(result.body).toBe('');
		await waitFor(() => f.sim.sentMessages.length > sent, 5000, 'the customer-service message');
		expect(f.sim.sentMessages.at(-1)?.body.text.content).toBe(`${code}_from_api`);
	});

	test('a failing background answer is logged, not lost silently', async () => {
		const [appId] = TEST_ACCOUNTS[5];
		const result = await f.sim.pushMessage(callback(server, appId), appId, {
			Content: 'QUERY_AUTH_CODE:unknown@@@code',
		});
		expect(result.body).toBe('');
		await waitFor(
			() => server.logger.messages('error').some((m) => m.includes('release test')),
			5000,
			'the error log',
		);
	});

	test('a test account is recognised by its original id too, and other messages go the normal way', async () => {
		const byUserName = await f.sim.pushMessage(callback(server, OA.appId), OA.appId, {
			ToUserName: TEST_USER,
			Content: 'TESTCOMPONENT_MSG_TYPE_TEXT',
		});
		expect(byUserName.reply?.fields.Content).toBe('TESTCOMPONENT_MSG_TYPE_TEXT_callback');

		const ordinary = await f.sim.pushMessage(callback(server, TEST_OA), TEST_OA, {
			Content: 'hello',
		});
		expect(ordinary.body).toBe('success');
		expect(server.executions.at(-1)?.json.Content).toBe('hello');
	});

	test('switched off, release-test messages start executions like any other', async () => {
		const off = await f.serve({ options: { answerReleaseTests: false } });
		const result = await f.sim.pushMessage(callback(off, TEST_OA), TEST_OA, {
			Content: 'TESTCOMPONENT_MSG_TYPE_TEXT',
		});
		expect(result.body).toBe('success');
		expect(off.executions.map((e) => e.json.Content)).toEqual(['TESTCOMPONENT_MSG_TYPE_TEXT']);
	});
});

/** What the action node's Reply → Send does with the item (contract of `_wechat`). */
function encryptedReply(crypto: WeChatCrypto, execution: Execution, content: string): string {
	const item = execution.json as Record<string, string> & {
		_wechat: { timestamp: string; nonce: string; usedPreviousKey: boolean };
	};
	const xml = buildReplyXml(
		{ type: 'text', content },
		{ toUserName: item.FromUserName, fromUserName: item.ToUserName },
	);
	return buildEncryptedReply(crypto, xml, {
		timestamp: item._wechat.timestamp,
		nonce: item._wechat.nonce,
		usePreviousKey: item._wechat.usedPreviousKey,
	});
}

describe('Reply With the WeChat Open Platform Node', () => {
	let behaviour: (execution: Execution, held: HeldResponse) => void;
	let replyServer: WebhookServer;

	beforeAll(async () => {
		replyServer = await f.serve(
			{ responseMode: 'responseNode' },
			{ onHeldExecution: (execution, held) => behaviour(execution, held) },
		);
	});

	test("the workflow's reply reaches WeChat as an encrypted passive reply", async () => {
		behaviour = (execution, held) =>
			held.sendResponse({
				body: encryptedReply(
					f.platform().crypto,
					execution,
					`echo: ${String(execution.json.Content)}`,
				),
				headers: { 'Content-Type': 'application/xml' },
			});
		const result = await f.sim.pushMessage(callback(replyServer, OA.appId), OA.appId, {
			Content: '你好',
		});
		expect(result.reply?.signatureValid).toBe(true);
		expect(result.reply?.fields).toMatchObject({
			ToUserName: DEFAULT_OPENID,
			FromUserName: OA.userName,
			Content: 'echo: 你好',
		});
		expect(replyServer.executions.at(-1)?.json._wechat).toMatchObject({
			responseMode: 'responseNode',
		});
	});

	test('a failing workflow leaves WeChat with "success", not a 500', async () => {
		behaviour = (_execution, held) => held.fail();
		const result = await f.sim.pushMessage(callback(replyServer, OA.appId), OA.appId, {
			Content: 'break',
		});
		expect({ status: result.status, body: result.body }).toEqual({ status: 200, body: 'success' });
	});

	test('a workflow that ends without a reply gives WeChat an empty 200', async () => {
		behaviour = (_execution, held) => held.finishWithoutResponse();
		const result = await f.sim.pushMessage(callback(replyServer, OA.appId), OA.appId, {
			Content: 'quiet',
		});
		expect({ status: result.status, body: result.body }).toEqual({ status: 200, body: '' });
	});

	test('a retry of a message whose run is still going gets "success" and no second run', async () => {
		let release: (() => void) | undefined;
		behaviour = (_execution, held) => {
			release = () => held.finishWithoutResponse();
		};
		const push = f.sim.buildMessagePush(OA.appId, { Content: 'slow' });
		const runs = replyServer.executions.length;
		const first = f.sim.sendRaw(callback(replyServer, OA.appId), push);
		await waitFor(() => release !== undefined, 5000, 'the held execution');
		const retry = await f.sim.sendRaw(callback(replyServer, OA.appId), push);
		expect({ status: retry.status, body: retry.body }).toEqual({ status: 200, body: 'success' });
		release!();
		expect((await first).status).toBe(200);
		expect(replyServer.executions.length).toBe(runs + 1);
	});

	test('rejections and filtered messages are answered by the trigger itself in this mode too', async () => {
		behaviour = (_execution, held) => held.finishWithoutResponse();
		const push = f.sim.buildMessagePush(OA.appId, { Content: 'x' });
		const forged = await f.sim.sendRaw(callback(replyServer, OA.appId), {
			...push,
			query: { ...push.query, msg_signature: '0'.repeat(40) },
		});
		expect({ status: forged.status, body: forged.body }).toEqual({
			status: 403,
			body: 'invalid signature',
		});
	});
});

describe('EncodingAESKey rotation', () => {
	test('pushes under the previous key are accepted and answered with that key', async () => {
		// The console got a new key; WeChat still encrypts with the old one (the simulator's).
		const rotated = {
			...f.credentials,
			encodingAESKey: randomEncodingAESKey(),
			previousEncodingAESKey: f.component.encodingAESKey,
		};
		const rotatedServer = await f.serve(
			{ responseMode: 'responseNode' },
			{
				credentials: { [CREDENTIAL_TYPE]: rotated },
				onHeldExecution: (execution, held) =>
					held.sendResponse({
						body: encryptedReply(f.platform(rotated).crypto, execution, 'still readable'),
						headers: { 'Content-Type': 'application/xml' },
					}),
			},
		);
		const result = await f.sim.pushMessage(callback(rotatedServer, OA.appId), OA.appId, {
			Content: 'old key',
		});
		expect(rotatedServer.executions.at(-1)?.json._wechat).toMatchObject({ usedPreviousKey: true });
		expect(result.reply?.signatureValid).toBe(true);
		expect(result.reply?.fields.Content).toBe('still readable');

		// Release-test passive replies follow the same rule.
		const test = await f.sim.pushMessage(callback(rotatedServer, TEST_OA), TEST_OA, {
			Content: 'TESTCOMPONENT_MSG_TYPE_TEXT',
		});
		expect(test.reply?.fields.Content).toBe('TESTCOMPONENT_MSG_TYPE_TEXT_callback');
	});
});
