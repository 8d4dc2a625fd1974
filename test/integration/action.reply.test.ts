import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
} from 'n8n-workflow';

import { randomEncodingAESKey } from '../../simulator/keys';
import { startWithFollower, OA, OPENID, type ActionHarness } from '../helpers/actionHarness';
import { executeContext } from '../helpers/n8n';
import { openReply, replyField } from '../helpers/independentCrypto';

let h: ActionHarness;

beforeAll(async () => {
	h = await startWithFollower();
});
afterAll(() => h.close());
beforeEach(() => h.sim.clearRecords());

/** An item as the trigger emits it for a text message. */
function inbound(
	o: { responseMode?: string; ageMs?: number; usedPreviousKey?: boolean; nonce?: string } = {},
): INodeExecutionData {
	const at = Date.now() - (o.ageMs ?? 50);
	return {
		json: {
			ToUserName: OA.userName,
			FromUserName: OPENID,
			CreateTime: String(Math.floor(at / 1000)),
			MsgType: 'text',
			Content: 'hello',
			MsgId: '6054768590064713728',
			authorizerAppId: OA.appId,
			receivedAt: new Date(at).toISOString(),
			_wechat: {
				responseMode: o.responseMode ?? 'responseNode',
				timestamp: String(Math.floor(at / 1000)),
				nonce: o.nonce ?? '1590219412',
				usedPreviousKey: o.usedPreviousKey ?? false,
				webhookAt: at,
				replyDeadline: at + 4500,
			},
		},
	};
}

const reply = (extra: IDataObject = {}) => ({ resource: 'reply', operation: 'send', ...extra });

async function passive(parameters: IDataObject, item = inbound()) {
	const execution = h.execution(reply(parameters), [item]);
	const [output] = await execution.run();
	expect(execution.responses).toHaveLength(1);
	const [response] = execution.responses;
	expect(response.statusCode).toBe(200);
	expect((response.headers as IDataObject)['content-type']).toBe('application/xml');
	const opened = openReply(String(response.body), h.component);
	expect(opened.signatureValid).toBe(true);
	expect(opened.receiveId).toBe(h.component.appId);
	expect(opened.nonce).toBe('1590219412');
	expect(replyField(opened.plaintext, 'ToUserName')).toBe(OPENID);
	expect(replyField(opened.plaintext, 'FromUserName')).toBe(OA.userName);
	expect(output[0].json.deliveredAs).toBe('passiveReply');
	expect(output[0].pairedItem).toEqual({ item: 0 });
	// A passive reply needs no API call.
	expect(h.sim.count('/cgi-bin/message/custom/send')).toBe(0);
	h.expectNoSecrets(output);
	return { xml: opened.plaintext, output };
}

describe('Reply → Send as a passive reply', () => {
	it('encrypts a text reply with the component key, addressed back to the sender', async () => {
		const { xml } = await passive({ replyType: 'text', content: '你好 ]]> <b>&amp;' });
		expect(replyField(xml, 'MsgType')).toBe('text');
		expect(replyField(xml, 'Content')).toBe('你好 ]]> <b>&amp;');
	});

	it('builds image, video, music, news and transfer replies', async () => {
		let { xml } = await passive({ replyType: 'image', mediaId: 'MEDIA_1' });
		expect(replyField(xml, 'Image.MediaId')).toBe('MEDIA_1');

		({ xml } = await passive({
			replyType: 'video',
			mediaId: 'V1',
			mediaDetails: { title: 'T', description: 'D' },
		}));
		expect(replyField(xml, 'Video.MediaId')).toBe('V1');
		expect(replyField(xml, 'Video.Title')).toBe('T');

		({ xml } = await passive({
			replyType: 'music',
			thumbMediaId: 'THUMB',
			mediaDetails: { title: 'Song', musicUrl: 'https://example.com/a.mp3' },
		}));
		expect(replyField(xml, 'Music.ThumbMediaId')).toBe('THUMB');
		expect(replyField(xml, 'Music.MusicUrl')).toBe('https://example.com/a.mp3');

		({ xml } = await passive({
			replyType: 'news',
			articles: { article: [{ title: 'One', url: 'https://example.com/1' }, { title: 'Two' }] },
		}));
		expect(replyField(xml, 'ArticleCount')).toBe('2');
		expect(replyField(xml, 'Articles.item.Title')).toBe('One');
		expect(xml).toContain('Two');

		({ xml } = await passive({
			replyType: 'transfer_customer_service',
			kfAccount: 'agent1@gh_0123456789ab',
		}));
		expect(replyField(xml, 'MsgType')).toBe('transfer_customer_service');
		expect(replyField(xml, 'TransInfo.KfAccount')).toBe('agent1@gh_0123456789ab');
	});

	it('answers with the previous key when only the previous key decrypted the message', async () => {
		const previousEncodingAESKey = randomEncodingAESKey();
		const execution = executeContext({
			nodeType: h.node,
			parameters: reply({ replyType: 'text', content: 'rotated' }),
			items: [inbound({ usedPreviousKey: true })],
			credentials: { ...h.credentials, previousEncodingAESKey },
		});
		await execution.run();
		const body = String(execution.responses[0].body);
		const opened = openReply(body, {
			token: h.component.token,
			encodingAESKey: previousEncodingAESKey,
		});
		expect(replyField(opened.plaintext, 'Content')).toBe('rotated');
		expect(() => openReply(body, h.component)).toThrow();
	});

	it('answers a plain, unencrypted "success" for the Nothing type', async () => {
		const execution = h.execution(reply({ replyType: 'success' }), [inbound()]);
		const [output] = await execution.run();
		expect(execution.responses).toEqual([
			{ body: 'success', headers: { 'content-type': 'text/plain' }, statusCode: 200 },
		]);
		expect(output[0].json).toMatchObject({ deliveredAs: 'passiveReply', messageType: 'success' });
	});

	it('rejects news without articles or with more than 8, and an item that is not a message', async () => {
		await expect(h.run(reply({ replyType: 'news' }), [inbound()])).rejects.toThrow(
			/1 to 8 articles/,
		);
		const nine = Array.from({ length: 9 }, (_, i) => ({ title: `A${i}` }));
		await expect(
			h.run(reply({ replyType: 'news', articles: { article: nine } }), [inbound()]),
		).rejects.toThrow(/got 9/);
		const error = await h
			.run(reply({ content: 'x' }), [{ json: { foo: 1 } }])
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(/not a WeChat message/);
	});
});

describe('Reply → Send falls back to a customer-service message', () => {
	it('when the reply window has passed: releases WeChat with "success", then sends the text', async () => {
		const execution = h.execution(reply({ replyType: 'text', content: 'sorry for the wait' }), [
			inbound({ ageMs: 6000 }),
		]);
		const [output] = await execution.run();
		expect(execution.responses).toEqual([
			{ body: 'success', headers: { 'content-type': 'text/plain' }, statusCode: 200 },
		]);
		expect(output[0].json).toMatchObject({
			deliveredAs: 'customerServiceMessage',
			reason: 'late',
			authorizerAppId: OA.appId,
		});
		const sent = h.sim.requests.filter((r) => r.path === '/cgi-bin/message/custom/send');
		expect(sent).toHaveLength(1);
		expect(sent[0].body).toEqual({
			touser: OPENID,
			msgtype: 'text',
			text: { content: 'sorry for the wait' },
		});
		expect(h.sim.state.tokens.get(sent[0].query.access_token)).toMatchObject({
			kind: 'authorizer',
			appId: OA.appId,
		});
		// The scan has something to look for: the simulator's tokens, the ticket and the keys.
		expect(h.secrets().length).toBeGreaterThanOrEqual(6);
		h.expectNoSecrets([output, execution.responses, execution.logs]);
	});

	it('when the trigger did not wait (acknowledged at once): no sendResponse, customer-service message', async () => {
		const execution = h.execution(
			reply({ replyType: 'news', articles: { article: [{ title: 'Hi', url: 'https://e.com' }] } }),
			[inbound({ responseMode: 'onReceived' })],
		);
		const [output] = await execution.run();
		expect(execution.responses).toEqual([]);
		expect(output[0].json).toMatchObject({
			deliveredAs: 'customerServiceMessage',
			reason: 'notWaiting',
		});
		expect(h.sim.sentMessages.at(-1)?.body).toEqual({
			touser: OPENID,
			msgtype: 'news',
			news: { articles: [{ title: 'Hi', url: 'https://e.com' }] },
		});
	});

	it('one passive reply per execution: a second item goes out as a customer-service message', async () => {
		const flowContext = {};
		const execution = h.execution(
			reply({ replyType: 'text', content: '={{ $json.Content }}!' }),
			[inbound(), inbound()],
			{
				flowContext,
			},
		);
		const [output] = await execution.run();
		expect(execution.responses).toHaveLength(1);
		expect(output.map((o) => o.json.deliveredAs)).toEqual([
			'passiveReply',
			'customerServiceMessage',
		]);
		expect(output[1].json.reason).toBe('alreadyReplied');
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(h.sim.sentMessages.at(-1)?.body.text).toEqual({ content: 'hello!' });

		// A second Reply node in the same execution sees the same flag.
		const later = h.execution(reply({ replyType: 'text', content: 'again' }), [inbound()], {
			flowContext,
		});
		const [again] = await later.run();
		expect(later.responses).toEqual([]);
		expect(again[0].json).toMatchObject({
			deliveredAs: 'customerServiceMessage',
			reason: 'alreadyReplied',
		});
	});

	it('sends nothing when the fallback is off, or for kinds that exist only as passive replies', async () => {
		const off = await h.run(
			reply({ replyType: 'text', content: 'x', options: { fallbackToCustomerService: false } }),
			[inbound({ responseMode: 'onReceived' })],
		);
		expect(off[0].json).toMatchObject({
			deliveredAs: 'none',
			reason: 'notWaiting',
			detail: 'fallbackDisabled',
		});
		const transfer = await h.run(reply({ replyType: 'transfer_customer_service' }), [
			inbound({ ageMs: 9000 }),
		]);
		expect(transfer[0].json).toMatchObject({
			deliveredAs: 'none',
			reason: 'late',
			detail: 'transferNeedsPassiveReply',
		});
		expect(h.sim.count('/cgi-bin/message/custom/send')).toBe(0);
	});

	it('a custom reply window overrides the trigger deadline', async () => {
		const execution = h.execution(
			reply({ content: 'quick', options: { replyWindowSeconds: 0.5 } }),
			[inbound({ ageMs: 1000 })],
		);
		const [output] = await execution.run();
		expect(output[0].json).toMatchObject({ deliveredAs: 'customerServiceMessage', reason: 'late' });
	});

	it('a fallback outside the 48-hour window fails with errcode 45015 and a hint', async () => {
		h.sim.addUser(OA.appId, 'oSilentUser000000000000000001');
		const item = inbound({ responseMode: 'onReceived' });
		item.json.FromUserName = 'oSilentUser000000000000000001';
		const error = await h.run(reply({ content: 'late answer' }), [item]).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toMatch(/45015/);
		expect((error as NodeApiError).description).toBeTruthy();
		h.expectNoSecrets(error);
	});
});
