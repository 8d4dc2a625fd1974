import { NodeApiError, type IDataObject } from 'n8n-workflow';

import { startWithFollower, OA, OPENID, type ActionHarness } from '../helpers/actionHarness';

let h: ActionHarness;
const USERS = [
	'oUser00000000000000000000001',
	'oUser00000000000000000000002',
	'oUser00000000000000000000003',
	'oUser00000000000000000000004',
	'oUser00000000000000000000005',
];
const trigger = {
	json: { authorizerAppId: OA.appId, FromUserName: OPENID, ToUserName: OA.userName },
};

beforeAll(async () => {
	h = await startWithFollower({ userPageSize: 2 });
	for (const [i, openid] of USERS.entries())
		h.sim.addUser(OA.appId, openid, { nickname: `User ${i + 1}` });
});
afterAll(() => h.close());
beforeEach(() => h.sim.clearRecords());

/** The one request WeChat received at `path`, with the token it carried checked. */
function received(path: string) {
	const requests = h.sim.requests.filter((r) => r.path === path);
	expect(requests).toHaveLength(1);
	const [request] = requests;
	expect(h.sim.state.tokens.get(request.query.access_token)).toMatchObject({
		kind: 'authorizer',
		appId: OA.appId,
	});
	return request;
}

async function uploadTemporary(type: string, bytes = Buffer.from('GIF89a-fake')): Promise<string> {
	const [out] = await h.run({ resource: 'media', operation: 'upload', mediaType: type }, [
		{
			json: { authorizerAppId: OA.appId },
			binary: {
				data: { data: bytes.toString('base64'), mimeType: 'image/jpeg', fileName: `x.jpg` },
			},
		},
	]);
	return String(out.json.media_id);
}

describe('Message', () => {
	it('sends every customer-service message type with the authorizer token', async () => {
		const image = await uploadTemporary('image');
		const thumb = await uploadTemporary('thumb');
		const cases: Array<[IDataObject, IDataObject]> = [
			[{ messageType: 'text', content: 'hi' }, { text: { content: 'hi' } }],
			[{ messageType: 'image', mediaId: image }, { image: { media_id: image } }],
			[{ messageType: 'voice', mediaId: image }, { voice: { media_id: image } }],
			[
				{ messageType: 'video', mediaId: image, mediaDetails: { thumbMediaId: thumb, title: 'T' } },
				{ video: { media_id: image, thumb_media_id: thumb, title: 'T' } },
			],
			[
				{
					messageType: 'music',
					thumbMediaId: thumb,
					mediaDetails: { title: 'S', hqMusicUrl: 'https://e.com/hq.mp3' },
				},
				{ music: { title: 'S', hqmusicurl: 'https://e.com/hq.mp3', thumb_media_id: thumb } },
			],
			[
				{
					messageType: 'news',
					articles: { article: [{ title: 'N', picUrl: 'https://e.com/p.jpg' }] },
				},
				{ news: { articles: [{ title: 'N', picurl: 'https://e.com/p.jpg' }] } },
			],
			[
				{ messageType: 'mpnews', mediaId: 'PERMANENT_ARTICLE' },
				{ mpnews: { media_id: 'PERMANENT_ARTICLE' } },
			],
			[
				{
					messageType: 'msgmenu',
					headContent: 'Rate us',
					menuItems: {
						item: [
							{ id: '101', content: 'Good' },
							{ id: '102', content: 'Bad' },
						],
					},
					tailContent: 'Thanks',
				},
				{
					msgmenu: {
						head_content: 'Rate us',
						list: [
							{ id: '101', content: 'Good' },
							{ id: '102', content: 'Bad' },
						],
						tail_content: 'Thanks',
					},
				},
			],
			[
				{
					messageType: 'miniprogrampage',
					miniProgramTitle: 'Shop',
					miniProgramAppId: 'wx1234567890abcdef',
					miniProgramPagePath: 'pages/index/index',
					thumbMediaId: thumb,
				},
				{
					miniprogrampage: {
						title: 'Shop',
						appid: 'wx1234567890abcdef',
						pagepath: 'pages/index/index',
						thumb_media_id: thumb,
					},
				},
			],
		];
		for (const [parameters, payload] of cases) {
			h.sim.clearRecords();
			// A fresh interaction each time: WeChat allows a few messages per user action.
			h.sim.addUser(OA.appId, OPENID, { interacted: true });
			const [out] = await h.run({ resource: 'message', operation: 'send', ...parameters }, [
				trigger,
			]);
			const msgtype = String(parameters.messageType);
			expect(received('/cgi-bin/message/custom/send').body).toEqual({
				touser: OPENID,
				msgtype,
				...payload,
			});
			expect(out.json).toEqual({
				success: true,
				authorizerAppId: OA.appId,
				toUser: OPENID,
				messageType: msgtype,
			});
		}
	});

	it('sends as a chosen customer-service account, and sets the typing indicator on and off', async () => {
		h.sim.addUser(OA.appId, OPENID, { interacted: true });
		await h.run(
			{
				resource: 'message',
				operation: 'send',
				content: 'from Ann',
				options: { kfAccount: 'ann@gh_0123456789ab' },
			},
			[trigger],
		);
		expect(received('/cgi-bin/message/custom/send').body).toMatchObject({
			customservice: { kf_account: 'ann@gh_0123456789ab' },
		});

		h.sim.clearRecords();
		const [on] = await h.run({ resource: 'message', operation: 'typing' }, [trigger]);
		expect(received('/cgi-bin/message/custom/typing').body).toEqual({
			touser: OPENID,
			command: 'Typing',
		});
		expect(on.json.command).toBe('Typing');
		h.sim.clearRecords();
		await h.run({ resource: 'message', operation: 'typing', typing: false }, [trigger]);
		expect(received('/cgi-bin/message/custom/typing').body).toEqual({
			touser: OPENID,
			command: 'CancelTyping',
		});
	});
});

describe('Template Message', () => {
	it('sends data pairs with colors, URL, mini program and client_msg_id', async () => {
		const [out] = await h.run(
			{
				resource: 'templateMessage',
				operation: 'send',
				openId: USERS[0],
				templateId: 'TPL_ORDER',
				data: {
					field: [
						{ key: 'first', value: 'Paid', color: '#173177' },
						{ key: 'keyword1', value: '42' },
					],
				},
				additionalFields: {
					url: 'https://shop.example.com/o/42',
					miniProgramAppId: 'wx1234567890abcdef',
					miniProgramPagePath: 'pages/o?id=42',
					clientMsgId: 'order-42',
				},
			},
			[trigger],
		);
		expect(received('/cgi-bin/message/template/send').body).toEqual({
			touser: USERS[0],
			template_id: 'TPL_ORDER',
			data: { first: { value: 'Paid', color: '#173177' }, keyword1: { value: '42' } },
			url: 'https://shop.example.com/o/42',
			miniprogram: { appid: 'wx1234567890abcdef', pagepath: 'pages/o?id=42' },
			client_msg_id: 'order-42',
		});
		expect(out.json).toMatchObject({ success: true, templateId: 'TPL_ORDER', toUser: USERS[0] });
		expect(out.json.msgId).toMatch(/^\d+$/);
	});
});

describe('User', () => {
	it('gets a profile', async () => {
		const [out] = await h.run({ resource: 'user', operation: 'get', options: { lang: 'en' } }, [
			trigger,
		]);
		const request = received('/cgi-bin/user/info');
		expect(request.query).toMatchObject({ openid: OPENID, lang: 'en' });
		expect(out.json).toMatchObject({ openid: OPENID, nickname: 'Li Lei', subscribe: 1 });
	});

	it('gets many: pages over next_openid, honours Limit, Return All and profiles in batches', async () => {
		const limited = await h.run({ resource: 'user', operation: 'getMany', limit: 3 }, [trigger]);
		expect(limited.map((i) => i.json)).toEqual([
			{ openid: OPENID },
			{ openid: USERS[0] },
			{ openid: USERS[1] },
		]);
		expect(
			h.sim.requests.filter((r) => r.path === '/cgi-bin/user/get').map((r) => r.query.next_openid),
		).toEqual([undefined, USERS[0]]);

		h.sim.clearRecords();
		const all = await h.run(
			{
				resource: 'user',
				operation: 'getMany',
				returnAll: true,
				options: { includeProfiles: true },
			},
			[trigger],
		);
		expect(all.map((i) => i.json.openid)).toEqual([OPENID, ...USERS]);
		expect(all[1].json.nickname).toBe('User 1');
		expect(all.map((i) => i.pairedItem)).toEqual(all.map(() => ({ item: 0 })));
		const batch = received('/cgi-bin/user/info/batchget');
		expect((batch.body as IDataObject).user_list).toHaveLength(6);
		expect(h.sim.count('/cgi-bin/user/get')).toBe(4);
	});

	it('updates a remark', async () => {
		const [out] = await h.run(
			{ resource: 'user', operation: 'updateRemark', openId: USERS[2], remark: 'VIP' },
			[trigger],
		);
		expect(received('/cgi-bin/user/info/updateremark').body).toEqual({
			openid: USERS[2],
			remark: 'VIP',
		});
		expect(out.json).toMatchObject({ success: true, openid: USERS[2], remark: 'VIP' });
		expect(h.sim.state.authorizers.get(OA.appId)!.users.get(USERS[2])!.remark).toBe('VIP');
	});
});

describe('Menu', () => {
	it('creates, gets and deletes the menu', async () => {
		const button = [{ type: 'click', name: 'Today', key: 'TODAY' }];
		await h.run({ resource: 'menu', operation: 'create', menu: JSON.stringify({ button }) }, [
			trigger,
		]);
		expect(received('/cgi-bin/menu/create').body).toEqual({ button });

		h.sim.clearRecords();
		const [got] = await h.run({ resource: 'menu', operation: 'get' }, [trigger]);
		received('/cgi-bin/menu/get');
		expect(got.json).toEqual({ menu: { button } });

		h.sim.clearRecords();
		const [current] = await h.run({ resource: 'menu', operation: 'get', source: 'current' }, [
			trigger,
		]);
		received('/cgi-bin/get_current_selfmenu_info');
		expect(current.json).toEqual({ is_menu_open: 1, selfmenu_info: { button } });

		h.sim.clearRecords();
		const [deleted] = await h.run({ resource: 'menu', operation: 'delete' }, [trigger]);
		expect(received('/cgi-bin/menu/delete').method).toBe('GET');
		expect(deleted.json).toEqual({ success: true, authorizerAppId: OA.appId });
		await expect(h.run({ resource: 'menu', operation: 'get' }, [trigger])).rejects.toThrow(/46003/);
	});

	it('accepts a bare button list and refuses what is not a menu before calling WeChat', async () => {
		await h.run(
			{
				resource: 'menu',
				operation: 'create',
				menu: '[{"type":"view","name":"Web","url":"https://e.com"}]',
			},
			[trigger],
		);
		expect((received('/cgi-bin/menu/create').body as IDataObject).button).toHaveLength(1);
		h.sim.clearRecords();
		await expect(
			h.run({ resource: 'menu', operation: 'create', menu: '{"buttons": []}' }, [trigger]),
		).rejects.toThrow(/"button" list/);
		await expect(
			h.run({ resource: 'menu', operation: 'create', menu: '{not json' }, [trigger]),
		).rejects.toThrow(/not valid JSON/);
		expect(h.sim.count('/cgi-bin/menu/create')).toBe(0);
	});
});

describe('QR Code', () => {
	it('creates temporary and permanent codes with a scene id or string', async () => {
		const [temp] = await h.run(
			{ resource: 'qrCode', operation: 'create', sceneType: 'id', sceneId: 7, expireSeconds: 3600 },
			[trigger],
		);
		expect(received('/cgi-bin/qrcode/create').body).toEqual({
			action_name: 'QR_SCENE',
			action_info: { scene: { scene_id: 7 } },
			expire_seconds: 3600,
		});
		expect(temp.json).toMatchObject({ expire_seconds: 3600 });
		expect(temp.json.imageUrl).toBe(
			`https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=${encodeURIComponent(String(temp.json.ticket))}`,
		);

		h.sim.clearRecords();
		await h.run(
			{ resource: 'qrCode', operation: 'create', lifetime: 'permanent', sceneStr: 'shop-42' },
			[trigger],
		);
		expect(received('/cgi-bin/qrcode/create').body).toEqual({
			action_name: 'QR_LIMIT_STR_SCENE',
			action_info: { scene: { scene_str: 'shop-42' } },
		});

		h.sim.clearRecords();
		await expect(
			h.run(
				{
					resource: 'qrCode',
					operation: 'create',
					lifetime: 'permanent',
					sceneType: 'id',
					sceneId: 100_001,
				},
				[trigger],
			),
		).rejects.toThrow(/out of range/);
		expect(h.sim.count('/cgi-bin/qrcode/create')).toBe(0);
	});
});

describe('Errors', () => {
	it('45015 becomes a NodeApiError with errcode, errmsg and hint; no secret in it', async () => {
		h.sim.addUser(OA.appId, 'oNeverWrote00000000000000001');
		const error = await h
			.run(
				{
					resource: 'message',
					operation: 'send',
					openId: 'oNeverWrote00000000000000001',
					content: 'hi',
				},
				[trigger],
			)
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		const apiError = error as NodeApiError;
		expect(apiError.message).toContain('45015');
		expect(apiError.description).toMatch(/48/);
		expect(apiError.httpCode).toBe('45015');
		h.expectNoSecrets({
			message: apiError.message,
			description: apiError.description,
			context: apiError.context,
			cause: apiError.cause,
		});
	});

	it('Continue On Fail: an error item per failing item, paired with it, the others still run', async () => {
		h.sim.failNext('/cgi-bin/user/info', 45009);
		const items = [trigger, { json: { authorizerAppId: 'not-an-appid' } }, trigger];
		const output = await h.run({ resource: 'user', operation: 'get', openId: OPENID }, items, {
			continueOnFail: true,
		});
		expect(output).toHaveLength(3);
		expect(output[0]).toMatchObject({ json: { errcode: 45009 }, pairedItem: { item: 0 } });
		expect(typeof output[0].json.hint).toBe('string');
		expect(output[1]).toMatchObject({ pairedItem: { item: 1 } });
		expect(String(output[1].json.error)).toMatch(/not an AppID/);
		expect(output[2]).toMatchObject({ json: { openid: OPENID }, pairedItem: { item: 2 } });
		h.expectNoSecrets(output);
	});

	it('an expired token is refreshed once and the call retried (40001)', async () => {
		h.sim.failNext('/cgi-bin/menu/delete', 40001);
		const [out] = await h.run({ resource: 'menu', operation: 'delete' }, [trigger]);
		expect(out.json.success).toBe(true);
		expect(h.sim.count('/cgi-bin/menu/delete')).toBe(2);
	});
});
