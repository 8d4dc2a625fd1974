/**
 * The message-and-event URL: verification, every reject path, the item, dedupe and filters,
 * driven by the WeChat simulator over real HTTP.
 */
import { createCipheriv, randomBytes } from 'node:crypto';

import { WeChatCrypto } from '../../core/crypto';
import { MAX_PUSH_BYTES } from '../../nodes/WeChatOpenPlatformTrigger/webhook/verify';
import { DEFAULT_OPENID } from '../../simulator';
import { buildPush, buildXml, cdata, type PushRequest } from '../../simulator/push';
import type { WebhookServer } from '../helpers/n8n';
import { secretsOf, startTriggerFixture, type TriggerFixture } from '../helpers/triggerFixture';

const OA = { appId: 'wx0a1b2c3d4e5f6a70', userName: 'gh_0a1b2c3d4e5f', nickName: 'Demo Coffee' };
const TEA = { appId: 'wx1111222233334440', userName: 'gh_aaaabbbbcccc', nickName: 'Tea House' };

let f: TriggerFixture;
let server: WebhookServer;

const callbackUrl = (s: WebhookServer, appId = OA.appId) => s.url(`${appId}/callback`);
const keys = () => ({
	appId: f.component.appId,
	token: f.component.token,
	encodingAESKey: f.component.encodingAESKey,
});
const now = () => String(Math.floor(Date.now() / 1000));

/** A push whose Encrypt is `encrypt` verbatim, correctly signed. */
function signedEnvelope(encrypt: string, toUserName = OA.userName): PushRequest {
	const crypto = new WeChatCrypto(keys());
	const timestamp = now();
	const nonce = '1234567';
	return {
		query: {
			timestamp,
			nonce,
			encrypt_type: 'aes',
			msg_signature: crypto.signature(timestamp, nonce, encrypt),
		},
		body: `<xml><ToUserName>${cdata(toUserName)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>`,
		plaintext: '',
	};
}

function textXml(
	content: string,
	msgId = String(Date.now()) + String(Math.floor(Math.random() * 1000)),
) {
	return buildXml({
		ToUserName: OA.userName,
		FromUserName: DEFAULT_OPENID,
		CreateTime: now(),
		MsgType: 'text',
		Content: content,
		MsgId: msgId,
	});
}

/** Sends `push` and checks that the trigger refused it without starting anything. */
async function expectRejected(
	push: Pick<PushRequest, 'query' | 'body'>,
	status: number,
	body: string,
	url = callbackUrl(server),
) {
	const before = server.executions.length;
	const result = await f.sim.sendRaw(url, { body: push.body, query: push.query });
	expect({ status: result.status, body: result.body }).toEqual({ status, body });
	expect(server.executions.length).toBe(before);
	expect(server.webhookErrors).toEqual([]);
}

beforeAll(async () => {
	f = await startTriggerFixture();
	f.sim.addAuthorizer(OA);
	f.sim.addAuthorizer(TEA);
	server = await f.serve();
});

afterAll(async () => {
	await f.close();
});

describe('a message of an authorized account', () => {
	test("starts one execution with WeChat's fields as strings, the AppID, the time and the reply context", async () => {
		const before = Date.now();
		const result = await f.sim.pushMessage(callbackUrl(server, '$APPID$'), OA.appId, {
			Content: 'Hello 你好 ]]> <b>',
			MsgId: '6054768590064713728',
		});
		expect(result.status).toBe(200);
		expect(result.body).toBe('success');
		const execution = server.executions.at(-1)!;
		expect(server.executions).toHaveLength(1);
		const { receivedAt, _wechat, ...fields } = execution.json as Record<string, unknown>;
		expect(fields).toEqual({
			ToUserName: OA.userName,
			FromUserName: DEFAULT_OPENID,
			CreateTime: expect.stringMatching(/^\d{10}$/),
			MsgType: 'text',
			Content: 'Hello 你好 ]]> <b>',
			MsgId: '6054768590064713728',
			authorizerAppId: OA.appId,
		});
		expect(new Date(receivedAt as string).toISOString()).toBe(receivedAt);
		expect(Date.parse(receivedAt as string)).toBeGreaterThanOrEqual(before - 1000);
		expect(_wechat).toEqual({
			responseMode: 'onReceived',
			timestamp: expect.stringMatching(/^\d+$/),
			nonce: expect.any(String),
			usedPreviousKey: false,
			webhookAt: expect.any(Number),
			replyDeadline: (_wechat as { webhookAt: number }).webhookAt + 4500,
		});
		expect(execution.method).toBe('POST');
	});

	test('keeps nested elements as objects and every leaf a string', async () => {
		const xml =
			'<xml><ToUserName><![CDATA[gh_0a1b2c3d4e5f]]></ToUserName>\n' +
			`<FromUserName><![CDATA[${DEFAULT_OPENID}]]></FromUserName>\n` +
			`<CreateTime>${now()}</CreateTime>\n` +
			'<MsgType><![CDATA[event]]></MsgType>\n<Event><![CDATA[scancode_waitmsg]]></Event>\n' +
			'<EventKey><![CDATA[scan1]]></EventKey>\n' +
			'<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[007]]></ScanResult></ScanCodeInfo>\n' +
			'</xml>';
		const push = buildPush(keys(), xml, { envelope: { toUserName: OA.userName } });
		const result = await f.sim.sendRaw(callbackUrl(server), push);
		expect(result.body).toBe('success');
		const item = server.executions.at(-1)!.json;
		expect(item.Event).toBe('scancode_waitmsg');
		expect(item.ScanCodeInfo).toEqual({ ScanType: 'qrcode', ScanResult: '007' });
		expect(item.authorizerAppId).toBe(OA.appId);
	});

	test("the same message delivered three times (WeChat's retries) starts exactly one execution", async () => {
		const push = f.sim.buildMessagePush(OA.appId, { Content: 'retry me' });
		const before = server.executions.length;
		for (let i = 0; i < 3; i++) {
			const result = await f.sim.sendRaw(callbackUrl(server), push);
			expect({ status: result.status, body: result.body }).toEqual({
				status: 200,
				body: 'success',
			});
		}
		expect(server.executions.length).toBe(before + 1);
	});

	test('an event without MsgId is deduplicated by its decrypted content', async () => {
		const push = f.sim.buildMessagePush(OA.appId, {
			MsgType: 'event',
			Event: 'CLICK',
			EventKey: 'MENU_1',
		});
		const other = f.sim.buildMessagePush(OA.appId, {
			MsgType: 'event',
			Event: 'VIEW',
			EventKey: 'https://x',
		});
		const before = server.executions.length;
		await f.sim.sendRaw(callbackUrl(server), push);
		await f.sim.sendRaw(callbackUrl(server), push);
		await f.sim.sendRaw(callbackUrl(server), other);
		expect(server.executions.slice(before).map((e) => e.json.Event)).toEqual(['CLICK', 'VIEW']);
	});

	test('items, answers and logs carry no secret', async () => {
		const everything = JSON.stringify(server.executions) + server.logger.text();
		for (const secret of secretsOf(f.component)) expect(everything).not.toContain(secret);
	});
});

describe('the request body, whatever its Content-Type', () => {
	// WeChat does not document the Content-Type of its pushes; from typeVersion 1.1 n8n leaves
	// bodies of types it does not parse unread, and the trigger reads them itself.
	test('a push sent as application/octet-stream to a version 1.1 trigger is read and accepted', async () => {
		const push = f.sim.buildMessagePush(OA.appId, { Content: 'octet' });
		const before = server.executions.length;
		const result = await f.sim.sendRaw(callbackUrl(server), {
			...push,
			headers: { 'content-type': 'application/octet-stream' },
		});
		expect({ status: result.status, body: result.body }).toEqual({ status: 200, body: 'success' });
		expect(server.executions.slice(before).map((e) => e.json.Content)).toEqual(['octet']);
	});

	test('one without any Content-Type too; an oversized one is refused without keeping it, and the kept-alive connection still serves the next push', async () => {
		const push = f.sim.buildMessagePush(OA.appId, { Content: 'no type' });
		const untyped = await f.sim.sendRaw(callbackUrl(server), {
			...push,
			headers: { 'content-type': '' },
		});
		expect(untyped.body).toBe('success');
		expect(server.executions.at(-1)?.json.Content).toBe('no type');
		const before = server.executions.length;
		const huge = await f.sim.sendRaw(callbackUrl(server), {
			query: push.query,
			body: 'A'.repeat(3 * MAX_PUSH_BYTES),
			headers: { 'content-type': 'application/octet-stream' },
		});
		expect({ status: huge.status, body: huge.body }).toEqual({
			status: 400,
			body: 'body too large',
		});
		expect(server.executions.length).toBe(before);
		// The connection (kept alive by the client) still serves the next push: the unread rest of the
		// oversized body must not block it (it did when the trigger paused the request).
		const next = await f.sim.sendRaw(callbackUrl(server), {
			...f.sim.buildMessagePush(OA.appId, { Content: 'after huge' }),
		});
		expect({ status: next.status, body: next.body }).toEqual({ status: 200, body: 'success' });
	});

	test('a workflow saved with typeVersion 1 (n8n reads every body) works the same', async () => {
		const v1 = await f.serve({}, { node: { typeVersion: 1 } });
		const push = f.sim.buildMessagePush(OA.appId, { Content: 'version one' });
		const result = await f.sim.sendRaw(callbackUrl(v1), {
			...push,
			headers: { 'content-type': 'application/octet-stream' },
		});
		expect(result.body).toBe('success');
		expect(v1.executions.map((e) => e.json.Content)).toEqual(['version one']);
	});
});

describe('a credential changed while the workflow is active', () => {
	test('a push under the new Token is accepted at once; one under the old Token is refused once re-read', async () => {
		// The trigger reuses a credential it read a moment ago; a push that fails to verify makes it re-read.
		const credentials = { ...f.credentials };
		const changing = await f.serve({}, { credentials: { wechatOpenPlatformApi: credentials } });
		const first = await f.sim.sendRaw(
			callbackUrl(changing),
			f.sim.buildMessagePush(OA.appId, { Content: 'old token' }),
		);
		expect(first.body).toBe('success');

		credentials.token = 'newTokenFromTheConsole';
		const xml = buildXml({
			ToUserName: OA.userName,
			FromUserName: DEFAULT_OPENID,
			CreateTime: now(),
			MsgType: 'text',
			Content: 'new token',
			MsgId: '90001',
		});
		const push = buildPush({ ...keys(), token: credentials.token }, xml, {
			envelope: { toUserName: OA.userName },
		});
		const second = await f.sim.sendRaw(callbackUrl(changing), push);
		expect({ status: second.status, body: second.body }).toEqual({ status: 200, body: 'success' });
		expect(changing.executions.map((e) => e.json.Content)).toEqual(['old token', 'new token']);

		const stale = await f.sim.sendRaw(
			callbackUrl(changing),
			f.sim.buildMessagePush(OA.appId, { Content: 'stale' }),
		);
		expect({ status: stale.status, body: stale.body }).toEqual({
			status: 403,
			body: 'invalid signature',
		});
		expect(changing.executions).toHaveLength(2);
	});
});

describe('filters decided inside the trigger', () => {
	test('unwanted message types, events and accounts are answered "success" without a run', async () => {
		const filtered = await f.serve({
			messageTypes: ['image'],
			eventTypes: ['subscribe'],
			options: { authorizerAppIds: `${OA.appId}, wx9999999999999999` },
		});
		const send = (appId: string, fields: Record<string, string>) =>
			f.sim.pushMessage(callbackUrl(filtered, appId), appId, fields);

		for (const result of [
			await send(OA.appId, { Content: 'text is filtered out' }),
			await send(OA.appId, { MsgType: 'event', Event: 'CLICK', EventKey: 'k' }),
			await send(TEA.appId, { MsgType: 'image', PicUrl: 'https://p', MediaId: 'm1' }),
		]) {
			expect({ status: result.status, body: result.body }).toEqual({
				status: 200,
				body: 'success',
			});
		}
		expect(filtered.executions).toHaveLength(0);

		await send(OA.appId, { MsgType: 'image', PicUrl: 'https://p', MediaId: 'm2' });
		await send(OA.appId, { MsgType: 'event', Event: 'subscribe', EventKey: '' });
		expect(filtered.executions.map((e) => e.json.MsgType)).toEqual(['image', 'event']);
	});

	test('empty selections ignore all messages and all events; "other" catches unlisted types', async () => {
		const none = await f.serve({ messageTypes: [], eventTypes: ['other'] });
		await f.sim.pushMessage(callbackUrl(none), OA.appId, { Content: 'ignored' });
		await f.sim.pushMessage(callbackUrl(none), OA.appId, {
			MsgType: 'event',
			Event: 'CLICK',
			EventKey: 'k',
		});
		expect(none.executions).toHaveLength(0);
		await f.sim.pushMessage(callbackUrl(none), OA.appId, {
			MsgType: 'event',
			Event: 'kf_close_session',
		});
		expect(none.executions.map((e) => e.json.Event)).toEqual(['kf_close_session']);
	});
});

describe('rejected requests: short reason, no execution, never a 500', () => {
	const aesKey = () => Buffer.from(`${f.component.encodingAESKey}=`, 'base64');

	/** Encrypts raw plaintext bytes with the component key, without WeChat's padding. */
	function rawEncrypt(plain: Buffer): string {
		const key = aesKey();
		const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
		cipher.setAutoPadding(false);
		return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
	}

	test('a wrong msg_signature → 403 "invalid signature"', async () => {
		const push = f.sim.buildMessagePush(OA.appId, { Content: 'forged' });
		const flipped = push.query.msg_signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
		await expectRejected(
			{ ...push, query: { ...push.query, msg_signature: flipped } },
			403,
			'invalid signature',
		);
	});

	test('a body changed after signing → 403 "invalid signature"', async () => {
		const push = f.sim.buildMessagePush(OA.appId, { Content: 'original' });
		const other = f.sim.buildMessagePush(OA.appId, { Content: 'swapped' });
		await expectRejected({ query: push.query, body: other.body }, 403, 'invalid signature');
	});

	test('missing msg_signature, timestamp or nonce → 403 "missing signature"', async () => {
		const push = f.sim.buildMessagePush(OA.appId, { Content: 'x' });
		for (const name of ['msg_signature', 'timestamp', 'nonce']) {
			const query = { ...push.query };
			delete query[name];
			await expectRejected({ query, body: push.body }, 403, 'missing signature');
		}
		// Only the plain `signature` (which WeChat says must not be used for pushes) is not enough.
		const { msg_signature: _unused, ...plainOnly } = push.query;
		void _unused;
		await expectRejected({ query: plainOnly, body: push.body }, 403, 'missing signature');
	});

	test('a message encrypted for another platform (wrong AppID) → 400 "wrong appid"', async () => {
		const push = buildPush({ ...keys(), appId: 'wx00000000000000ff' }, textXml('not for us'), {
			envelope: { toUserName: OA.userName },
		});
		await expectRejected(push, 400, 'wrong appid');
	});

	test('broken base64 in Encrypt → 400 "cannot decrypt"', async () => {
		await expectRejected(signedEnvelope('abc$%^&*()'), 400, 'cannot decrypt');
		await expectRejected(signedEnvelope('QUJD'), 400, 'cannot decrypt');
	});

	test('bad PKCS#7 padding → 400 "cannot decrypt"', async () => {
		const msg = Buffer.from(textXml('padding'));
		const appId = Buffer.from(f.component.appId);
		const head = Buffer.alloc(20);
		randomBytes(16).copy(head);
		head.writeUInt32BE(msg.length, 16);
		const unpadded = Buffer.concat([head, msg, appId]);
		const pad = 32 - (unpadded.length % 32);
		// Last byte claims 0 (impossible) and the rest of the block disagrees with it.
		const padding = Buffer.alloc(pad, pad);
		padding[pad - 1] = 0;
		await expectRejected(
			signedEnvelope(rawEncrypt(Buffer.concat([unpadded, padding]))),
			400,
			'cannot decrypt',
		);
		const inconsistent = Buffer.alloc(pad, 7);
		inconsistent[pad - 1] = pad;
		if (pad > 1) {
			await expectRejected(
				signedEnvelope(rawEncrypt(Buffer.concat([unpadded, inconsistent]))),
				400,
				'cannot decrypt',
			);
		}
	});

	test('an oversized body → 400 "body too large"', async () => {
		const push = buildPush(keys(), textXml('x'.repeat(MAX_PUSH_BYTES)), {
			envelope: { toUserName: OA.userName },
		});
		await expectRejected(push, 400, 'body too large');
	});

	test('DOCTYPE / entities in the envelope → 400 "malformed body"', async () => {
		const push = f.sim.buildMessagePush(OA.appId, { Content: 'x' });
		const body = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY boom "boom">]>${push.body.replace(
			'<xml>',
			'<xml><Extra>&boom;</Extra>',
		)}`;
		await expectRejected({ query: push.query, body }, 400, 'malformed body');
	});

	test('DOCTYPE / entities inside the decrypted message → 400 "malformed message"', async () => {
		const xml = `<!DOCTYPE xml [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><ToUserName>${OA.userName}</ToUserName><Content>&e;</Content></xml>`;
		const push = buildPush(keys(), xml, { envelope: { toUserName: OA.userName } });
		await expectRejected(push, 400, 'malformed message');
	});

	test('a body that is not XML, or XML without Encrypt → 400 "malformed body"', async () => {
		const push = f.sim.buildMessagePush(OA.appId, { Content: 'x' });
		await expectRejected(
			{ query: push.query, body: '{"ToUserName":"gh_x","Encrypt":"abc"}' },
			400,
			'malformed body',
		);
		await expectRejected(
			{ query: push.query, body: '<xml><ToUserName>a</ToUserName>' },
			400,
			'malformed body',
		);
		await expectRejected(
			{ query: push.query, body: '<xml><ToUserName>a</ToUserName></xml>' },
			400,
			'malformed body',
		);
	});

	test('an empty body → 400 "empty body"', async () => {
		const push = f.sim.buildMessagePush(OA.appId, { Content: 'x' });
		await expectRejected({ query: push.query, body: '' }, 400, 'empty body');
	});

	test('a correctly signed but old request (replay) → 403 "request expired"', async () => {
		const old = String(Math.floor(Date.now() / 1000) - 3600);
		const push = buildPush(keys(), textXml('captured an hour ago'), {
			envelope: { toUserName: OA.userName },
			timestamp: old,
		});
		await expectRejected(push, 403, 'request expired');
		expect(server.logger.messages('warn').join('\n')).toMatch(/request expired.*clock/);
	});

	test('a malformed AppID in the URL → 400 "invalid appid"', async () => {
		const push = f.sim.buildMessagePush(OA.appId, { Content: 'x' });
		await expectRejected(push, 400, 'invalid appid', server.url('wx%20bad%3Cid/callback'));
	});

	test('the freshness check can be switched off', async () => {
		const lenient = await f.serve({ options: { maxRequestAgeSeconds: 0 } });
		const push = buildPush(keys(), textXml('old but fine'), {
			envelope: { toUserName: OA.userName },
			timestamp: String(Math.floor(Date.now() / 1000) - 86_400),
		});
		const result = await f.sim.sendRaw(callbackUrl(lenient), push);
		expect(result.body).toBe('success');
		expect(lenient.executions).toHaveLength(1);
	});
});
