/**
 * Mini Program Profile and Mini Program Privacy against the simulator: each operation's call and
 * the state it leaves, the audits WeChat runs (decided in the simulator), and typed errcodes.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	decideCategory,
	decideNicknameAudit,
	decidePrivacyApplication,
	profileOf,
} from '../../simulator/miniProgramProfile';
import { startActionHarness, OA, type ActionHarness } from '../helpers/actionHarness';

const MP = {
	appId: 'wx6b7c8d9e0f1a2b3c',
	userName: 'gh_b2c3d4e5f6a1',
	nickName: 'Demo Tea House',
	miniProgram: true,
};

let h: ActionHarness;

beforeAll(async () => {
	h = await startActionHarness({ accounts: [MP, OA] });
});
afterAll(() => h.close());

const mp = { __rl: true, mode: 'id', value: MP.appId };
const op =
	(resource: string) =>
	async (operation: string, extra: IDataObject = {}) => {
		const out = await h.run({ resource, operation, authorizer: mp, ...extra }, [{ json: {} }], {
			continueOnFail: true,
		});
		h.expectNoSecrets(out);
		return out;
	};
const profile = op('miniProgramProfile');
const withFile = (bytes: Buffer, fileName: string, mimeType: string) => [
	{ json: {}, binary: { data: { data: bytes.toString('base64'), fileName, mimeType } } },
];
const runWithFile = async (
	resource: string,
	operation: string,
	file: ReturnType<typeof withFile>,
	extra: IDataObject = {},
) => {
	const out = await h.run({ resource, operation, authorizer: mp, ...extra }, file, {
		continueOnFail: true,
	});
	h.expectNoSecrets(out);
	return out;
};
const privacy = op('miniProgramPrivacy');

describe('Mini Program Profile', () => {
	test('Get Basic Info reports the name, introduction and quotas', async () => {
		const [item] = await profile('getBasicInfo');
		expect(item.json).toMatchObject({
			appid: MP.appId,
			nickname: MP.nickName,
			signature_info: { modify_used_count: 0, modify_quota: 5 },
		});
	});

	test('Set Signature changes the introduction, 5 times a month (53200 with a hint)', async () => {
		for (let i = 1; i <= 5; i++) {
			const [ok] = await profile('setSignature', { signature: `Fresh tea, version ${i}` });
			expect(ok.json).toMatchObject({ success: true, authorizerAppId: MP.appId });
		}
		const [info] = await profile('getBasicInfo');
		expect(info.json).toMatchObject({
			signature_info: { signature: 'Fresh tea, version 5', modify_used_count: 5 },
		});
		const [refused] = await profile('setSignature', { signature: 'One too many' });
		expect(refused.json).toMatchObject({ errcode: 53200, hint: expect.stringMatching(/5 times/) });
	});

	test('Set Nickname: a free name is set at once; with a licence it goes to audit, followed by Get Nickname Audit Status', async () => {
		const [direct] = await profile('setNickname', { nickname: 'Tea House Plus' });
		expect(direct.json).toMatchObject({ success: true });
		expect(profileOf(h.sim.state, MP.appId).nickname).toBe('Tea House Plus');

		const [audited] = await profile('setNickname', {
			nickname: 'Tea House Official',
			nicknameOptions: { license: 'media-licence-1', namingOtherStuff: 'tm-1, tm-2' },
		});
		expect(audited.json).toMatchObject({ success: true, audit_id: expect.any(Number) });
		const body = h.sim.requests.filter((r) => r.path === '/wxa/setnickname').at(-1)?.body;
		expect(body).toEqual({
			nick_name: 'Tea House Official',
			license: 'media-licence-1',
			naming_other_stuff_1: 'tm-1',
			naming_other_stuff_2: 'tm-2',
		});

		const [pending] = await profile('getNicknameAuditStatus', {
			auditId: String(audited.json.audit_id),
		});
		expect(pending.json).toMatchObject({ nickname: 'Tea House Official', audit_stat: 1 });
		decideNicknameAudit(h.sim.state, Number(audited.json.audit_id), true);
		const [done] = await profile('getNicknameAuditStatus', {
			auditId: String(audited.json.audit_id),
		});
		expect(done.json).toMatchObject({ audit_stat: 3 });

		const [unknown] = await profile('getNicknameAuditStatus', { auditId: '1' });
		expect(unknown.json).toMatchObject({ errcode: 91011, hint: expect.any(String) });
		const [takenName] = await profile('setNickname', { nickname: OA.nickName });
		expect(takenName.json).toMatchObject({
			errcode: 91007,
			hint: expect.stringMatching(/another/),
		});
	});

	test('categories: Get All, Add (a sensitive one goes to audit), Get, Modify a rejected one, Delete', async () => {
		const [all] = await profile('getAllCategories');
		const tree = (all.json.categories_list as { categories: IDataObject[] }).categories;
		expect(tree).toEqual(
			expect.arrayContaining([expect.objectContaining({ id: 305, father: 304, level: 2 })]),
		);

		const [added] = await profile('addCategory', { firstCategory: 304, secondCategory: 305 });
		expect(added.json).toMatchObject({ success: true, first: 304, second: 305 });
		const [sensitive] = await profile('addCategory', {
			firstCategory: 673,
			secondCategory: 674,
			certificates: { certificate: [{ key: '医疗机构执业许可证', value: 'media-permit-1' }] },
		});
		expect(sensitive.json).toMatchObject({ success: true });
		expect(
			h.sim.requests.filter((r) => r.path === '/cgi-bin/wxopen/addcategory').at(-1)?.body,
		).toEqual({
			categories: [
				{
					first: 673,
					second: 674,
					certicates: [{ key: '医疗机构执业许可证', value: 'media-permit-1' }],
				},
			],
		});

		const [mine] = await profile('getCategories');
		expect(mine.json).toMatchObject({
			categories: [
				{ first: 304, second: 305, audit_status: 3 },
				{ first: 673, second: 674, audit_status: 1 },
			],
			quota: 3,
		});

		const [early] = await profile('modifyCategory', {
			firstCategory: 673,
			secondCategory: 674,
			certificates: { certificate: [{ key: '医疗机构执业许可证', value: 'media-permit-2' }] },
		});
		expect(early.json).toMatchObject({ errcode: 53307, hint: expect.any(String) });
		decideCategory(h.sim.state, MP.appId, 674, false, 'blurred photo');
		const [modified] = await profile('modifyCategory', {
			firstCategory: 673,
			secondCategory: 674,
			certificates: { certificate: [{ key: '医疗机构执业许可证', value: 'media-permit-2' }] },
		});
		expect(modified.json).toMatchObject({ success: true });

		const [twice] = await profile('addCategory', { firstCategory: 304, secondCategory: 305 });
		expect(twice.json).toMatchObject({ errcode: 53304 });
		const [wrongTree] = await profile('addCategory', { firstCategory: 150, secondCategory: 305 });
		expect(wrongTree.json).toMatchObject({
			errcode: 53303,
			hint: expect.stringMatching(/Get All Categories/),
		});

		const [deleted] = await profile('deleteCategory', { firstCategory: 304, secondCategory: 305 });
		expect(deleted.json).toMatchObject({ success: true });
		const [after] = await profile('getCategories');
		expect((after.json.categories as IDataObject[]).map((c) => c.second)).toEqual([674]);

		const [zero] = await profile('deleteCategory', { firstCategory: 0, secondCategory: 305 });
		expect(zero.json.error).toMatch(/positive whole numbers/);
	});

	test('Set Avatar uploads the image as temporary media and sets it with the crop box', async () => {
		const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
		const [item] = await runWithFile(
			'miniProgramProfile',
			'setAvatar',
			withFile(png, 'logo.png', 'image/png'),
			{
				avatarCrop: { x2: 0.5, y2: 0.5 },
			},
		);
		expect(item.json).toMatchObject({ success: true, head_img_media_id: expect.any(String) });
		const media = h.sim.state.media.get(String(item.json.head_img_media_id));
		expect(media).toMatchObject({ type: 'image', filename: 'logo.png', permanent: false });
		expect(media?.bytes.equals(png)).toBe(true);
		expect(
			h.sim.requests.filter((r) => r.path === '/cgi-bin/account/modifyheadimage').at(-1)?.body,
		).toEqual({
			head_img_media_id: item.json.head_img_media_id,
			x1: 0,
			y1: 0,
			x2: 0.5,
			y2: 0.5,
		});
		const [info] = await profile('getBasicInfo');
		expect(info.json).toMatchObject({ head_image_info: { modify_used_count: 1 } });

		const [noFile] = await profile('setAvatar');
		expect(String(noFile.json.error)).toMatch(/binary/);
	});

	test("an Official Account's token on a mini-program API is refused (48001)", async () => {
		const out = await h.run(
			{
				resource: 'miniProgramProfile',
				operation: 'getBasicInfo',
				authorizer: { __rl: true, mode: 'id', value: OA.appId },
			},
			[{ json: {} }],
			{ continueOnFail: true },
		);
		expect(out[0].json).toMatchObject({ errcode: 48001, hint: expect.any(String) });
	});
});

describe('Mini Program Privacy', () => {
	test('Set Settings then Get Settings (next release version); a missing contact is refused', async () => {
		const [set] = await privacy('setSettings', {
			privacyVersion: 2,
			noticeMethod: 'pop-up window',
			ownerContact: { contact_email: 'privacy@tea.example', contact_phone: ' ' },
			settings: {
				setting: [
					{ privacyKey: 'Location', privacyText: 'to show the nearest shop' },
					{ privacyKey: 'PhoneNumber', privacyText: 'to confirm orders' },
				],
			},
		});
		expect(set.json).toMatchObject({ success: true });
		const [got] = await privacy('getSettings', { privacyVersion: 2 });
		expect(got.json).toMatchObject({
			owner_setting: { contact_email: 'privacy@tea.example', notice_method: 'pop-up window' },
			setting_list: [
				{ privacy_key: 'Location', privacy_text: 'to show the nearest shop' },
				{ privacy_key: 'PhoneNumber', privacy_text: 'to confirm orders' },
			],
		});
		expect(got.json.owner_setting).not.toHaveProperty('contact_phone');
		const [live] = await privacy('getSettings', { privacyVersion: 1 });
		expect(live.json).toMatchObject({ setting_list: [], update_time: 0 });

		const [noContact] = await privacy('setSettings', { noticeMethod: 'pop-up window' });
		expect(noContact.json).toMatchObject({ errcode: 40097 });
	});

	test('Upload Privacy File gives a media id that Set Settings accepts; only .txt', async () => {
		const [uploaded] = await runWithFile(
			'miniProgramPrivacy',
			'uploadFile',
			withFile(
				Buffer.from('Supplementary privacy policy of Demo Tea House'),
				'policy.txt',
				'text/plain',
			),
		);
		expect(uploaded.json).toMatchObject({
			authorizerAppId: MP.appId,
			ext_file_media_id: expect.any(String),
		});
		const [set] = await privacy('setSettings', {
			noticeMethod: 'pop-up window',
			ownerContact: {
				contact_email: 'privacy@tea.example',
				ext_file_media_id: uploaded.json.ext_file_media_id,
			},
		});
		expect(set.json).toMatchObject({ success: true });
		const [unknownFile] = await privacy('setSettings', {
			noticeMethod: 'pop-up window',
			ownerContact: { contact_email: 'privacy@tea.example', ext_file_media_id: 'not-uploaded' },
		});
		expect(unknownFile.json).toMatchObject({ errcode: 40007 });

		const [pdf] = await runWithFile(
			'miniProgramPrivacy',
			'uploadFile',
			withFile(Buffer.from('%PDF-1.4'), 'policy.pdf', 'application/pdf'),
		);
		expect(pdf.json).toMatchObject({ errcode: 40005 });
	});

	test('Get Privacy Interfaces (one item each), Apply, and the review outcome', async () => {
		const interfaces = await privacy('getInterfaces');
		expect(interfaces.map((i) => [i.json.api_name, i.json.status])).toEqual([
			['wx.chooseAddress', 1],
			['wx.getLocation', 1],
			['wx.chooseLocation', 5],
		]);
		const [applied] = await privacy('applyInterface', {
			apiName: 'wx.getLocation',
			content: 'Shows the nearest tea house to the user',
			applyOptions: { picList: 'https://tea.example/a.png, https://tea.example/b.png' },
		});
		expect(applied.json).toMatchObject({
			success: true,
			api_name: 'wx.getLocation',
			audit_id: expect.any(Number),
		});
		expect(
			h.sim.requests.filter((r) => r.path === '/wxa/security/apply_privacy_interface').at(-1)?.body,
		).toEqual({
			api_name: 'wx.getLocation',
			content: 'Shows the nearest tea house to the user',
			pic_list: ['https://tea.example/a.png', 'https://tea.example/b.png'],
		});
		decidePrivacyApplication(h.sim.state, Number(applied.json.audit_id), true);
		const after = await privacy('getInterfaces');
		expect(after.find((i) => i.json.api_name === 'wx.getLocation')?.json.status).toBe(5);

		const [again] = await privacy('applyInterface', {
			apiName: 'wx.chooseLocation',
			content: 'Already open, cannot apply',
		});
		expect(again.json).toMatchObject({ errcode: 40097 });
	});
});
