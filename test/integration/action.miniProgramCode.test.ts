/**
 * Code Template and Mini Program Code against the simulator over real HTTP: every operation, the
 * request shape WeChat documents (ext_json as a string, release with `{}`, the component token as
 * access_token for templates), the lifecycle commit → submit → approve → release → gray → rollback,
 * and wrong-order calls failing with WeChat's errcode and its hint.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { hintFor } from '../../core/api/hints';
import { description as commitFields } from '../../nodes/WeChatOpenPlatform/resources/miniProgramCode/commit';
import { startActionHarness, OA, type ActionHarness } from '../helpers/actionHarness';

let h: ActionHarness;
const MINI = {
	appId: 'wx7ea07ea07ea07ea0',
	userName: 'gh_7ea07ea07ea0',
	nickName: 'Tea House Mini Program',
	miniProgram: true,
	// 18: mini-program development management, the permission set of the code APIs.
	funcInfo: [17, 18, 19],
};
const mini = { json: { authorizerAppId: MINI.appId } };
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

beforeAll(async () => {
	h = await startActionHarness({ accounts: [MINI, OA] });
});
afterAll(() => h.close());
beforeEach(() => h.sim.clearRecords());

const code = (parameters: INodeParameters, item: { json: IDataObject } = mini) =>
	h.run({ resource: 'miniProgramCode', ...parameters }, [item]);
const template = (parameters: INodeParameters) =>
	h.run({ resource: 'codeTemplate', ...parameters }, [{ json: {} }]);
/** Runs with Continue On Fail and returns the error item's json (errcode with its hint). */
async function failing(parameters: INodeParameters, item: { json: IDataObject } = mini) {
	const [out] = await h.run({ resource: 'miniProgramCode', ...parameters }, [item], {
		continueOnFail: true,
	});
	expect(out.json.errcode).toEqual(expect.any(Number));
	expect(out.json.hint).toBe(hintFor(out.json.errcode as number));
	expect(out.json.hint).toEqual(expect.any(String));
	return out.json;
}
const lastRequest = (path: string) => h.sim.requests.filter((r) => r.path === path).at(-1)!;

/** A template made from a fresh draft, through the node; returns its template_id. */
async function newTemplate(userVersion: string): Promise<number> {
	const draft = h.sim.wxa.addDraft({ userVersion, userDesc: `draft ${userVersion}` });
	await template({ operation: 'addDraftToTemplates', draftId: String(draft.draft_id) });
	const list = await template({ operation: 'getManyTemplates', returnAll: true });
	return list.map((i) => i.json).find((t) => t.user_version === userVersion)!.template_id as number;
}

describe('Code Template', () => {
	it('lists drafts, adds one to the templates, lists and deletes templates with the component token', async () => {
		const draft = h.sim.wxa.addDraft({ userVersion: '2.0.0', userDesc: 'new shop' });
		const drafts = await template({ operation: 'getManyDrafts', returnAll: true });
		expect(drafts.map((d) => d.json)).toContainEqual(
			expect.objectContaining({
				draft_id: draft.draft_id,
				user_version: '2.0.0',
				user_desc: 'new shop',
			}),
		);
		const listing = lastRequest('/wxa/gettemplatedraftlist');
		expect(h.componentTokenOf(listing.query)).toMatchObject({ kind: 'component' });
		expect(listing.query.access_token).toEqual(expect.any(String));

		const [added] = await template({
			operation: 'addDraftToTemplates',
			draftId: String(draft.draft_id),
			templateType: 1,
		});
		expect(added.json).toMatchObject({ success: true, draftId: draft.draft_id });
		expect(lastRequest('/wxa/addtotemplate').body).toEqual({
			draft_id: draft.draft_id,
			template_type: 1,
		});

		const standard = await template({
			operation: 'getManyTemplates',
			templateType: '1',
			returnAll: true,
		});
		expect(lastRequest('/wxa/gettemplatelist').query.template_type).toBe('1');
		const made = standard.map((t) => t.json).find((t) => t.user_version === '2.0.0')!;
		expect(made).toMatchObject({ template_type: 1, user_desc: 'new shop' });
		const normal = await template({
			operation: 'getManyTemplates',
			templateType: '0',
			returnAll: true,
		});
		expect(normal.map((t) => t.json.template_id)).not.toContain(made.template_id);

		const limited = await template({ operation: 'getManyDrafts', returnAll: false, limit: 1 });
		expect(limited).toHaveLength(1);

		await template({ operation: 'deleteTemplate', templateId: String(made.template_id) });
		expect(lastRequest('/wxa/deletetemplate').body).toEqual({ template_id: made.template_id });
		const [again] = await h.run(
			{
				resource: 'codeTemplate',
				operation: 'deleteTemplate',
				templateId: String(made.template_id),
			},
			[{ json: {} }],
			{ continueOnFail: true },
		);
		expect(again.json).toMatchObject({ errcode: 85064, hint: hintFor(85064) });
		h.expectNoSecrets([drafts, standard, added]);
	});
});

describe('Mini Program Code: the lifecycle', () => {
	it('commit → submit → approve → release → gray release → roll back, with WeChat’s request shapes', async () => {
		const templateId = await newTemplate('3.0.0');

		// Wrong order first: nothing committed.
		expect(await failing({ operation: 'getPages' })).toMatchObject({ errcode: 86001 });
		expect(await failing({ operation: 'submitForAudit' })).toMatchObject({ errcode: 85086 });
		expect(await failing({ operation: 'getTestQrCode', binaryPropertyName: 'data' })).toMatchObject(
			{ errcode: 86001 },
		);

		// Ext JSON given as an object is sent as the JSON string WeChat parses again.
		const ext = { extEnable: true, extAppid: MINI.appId, ext: { shopId: 42, name: '茶' } };
		const [committed] = await code({
			operation: 'commit',
			templateId,
			extJson: ext as unknown as string,
			userVersion: '3.0.0',
			userDesc: 'first release',
		});
		expect(committed.json).toMatchObject({ success: true, authorizerAppId: MINI.appId });
		const commitBody = lastRequest('/wxa/commit').body as IDataObject;
		expect(commitBody).toEqual({
			template_id: templateId,
			ext_json: JSON.stringify(ext),
			user_version: '3.0.0',
			user_desc: 'first release',
		});
		expect(typeof commitBody.ext_json).toBe('string');

		// A string stays the string the user wrote.
		const text = '{\n  "extAppid": "' + MINI.appId + '",\n  "ext": {"shopId": 43}\n}';
		await code({ operation: 'commit', templateId, extJson: text, userVersion: '3.0.1' });
		expect((lastRequest('/wxa/commit').body as IDataObject).ext_json).toBe(text);

		const [pages] = await code({ operation: 'getPages' });
		expect(pages.json.page_list).toEqual(['pages/index/index', 'pages/detail/detail']);
		const [categories] = await code({ operation: 'getCategories' });
		expect(categories.json.category_list).toEqual(expect.arrayContaining([expect.any(Object)]));

		const [qr] = await code({
			operation: 'getTestQrCode',
			pagePath: 'pages/index/index?shop=42',
			binaryPropertyName: 'qr',
		});
		expect(lastRequest('/wxa/get_qrcode').query.path).toBe('pages/index/index?shop=42');
		expect(qr.binary?.qr.mimeType).toBe('image/png');
		const png = Buffer.from(qr.binary!.qr.data, 'base64');
		expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
		expect(qr.json).toMatchObject({ authorizerAppId: MINI.appId, fileSize: png.length });

		const items = [
			{
				address: 'pages/index/index',
				tag: 'tea',
				first_class: 'Food',
				second_class: 'Catering',
				first_id: 220,
				second_id: 225,
				title: 'Home',
			},
		];
		const [submitted] = await code({
			operation: 'submitForAudit',
			options: { itemList: JSON.stringify(items), versionDesc: 'first', picIds: 'm1, m2' },
		});
		const auditid = submitted.json.auditid as number;
		expect(auditid).toEqual(expect.any(Number));
		expect(lastRequest('/wxa/submit_audit').body).toEqual({
			item_list: items,
			version_desc: 'first',
			preview_info: { pic_id_list: ['m1', 'm2'], video_id_list: [] },
		});

		// A second submit during the audit, and a release before approval, fail with WeChat's codes.
		expect(await failing({ operation: 'submitForAudit' })).toMatchObject({ errcode: 85009 });
		expect(await failing({ operation: 'release' })).toMatchObject({ errcode: 85020 });

		const [status] = await code({
			operation: 'getAuditStatus',
			audit: 'byId',
			auditId: String(auditid),
		});
		expect(lastRequest('/wxa/get_auditstatus').body).toEqual({ auditid });
		expect(status.json).toMatchObject({ status: 2, user_version: '3.0.1' });
		await code({ operation: 'speedUpAudit', auditId: String(auditid) });
		expect(lastRequest('/wxa/speedupaudit').body).toEqual({ auditid });
		const [quota] = await code({ operation: 'getAuditQuota' });
		expect(quota.json).toMatchObject({ rest: 19, limit: 20, speedup_rest: 4 });

		await h.sim.wxa.decideAudit(MINI.appId, 'approve');
		const [latest] = await code({ operation: 'getAuditStatus', audit: 'latest' });
		expect(latest.json).toMatchObject({ auditid, status: 0 });

		// Gray release needs a released version first (85079).
		expect(await failing({ operation: 'grayRelease', grayPercentage: 10 })).toMatchObject({
			errcode: 85079,
		});

		const [released] = await code({ operation: 'release' });
		expect(released.json).toMatchObject({ success: true, authorizerAppId: MINI.appId });
		const releaseRequest = lastRequest('/wxa/release');
		expect(releaseRequest.body).toEqual({});
		expect(releaseRequest.method).toBe('POST');
		expect(await failing({ operation: 'release' })).toMatchObject({ errcode: 85052 });

		const [versions] = await code({ operation: 'getVersionInfo' });
		expect(versions.json).toMatchObject({
			exp_info: { exp_version: '3.0.1' },
			release_info: { release_version: '3.0.1' },
		});

		// A second version, gray released to 10 % then 30 %, reverted, then released and rolled back.
		await code({ operation: 'commit', templateId, extJson: '{}', userVersion: '3.1.0' });
		await code({ operation: 'submitForAudit' });
		await h.sim.wxa.decideAudit(MINI.appId, 'approve');
		await code({ operation: 'grayRelease', grayPercentage: 10 });
		expect(lastRequest('/wxa/grayrelease').body).toEqual({ gray_percentage: 10 });
		expect(await failing({ operation: 'grayRelease', grayPercentage: 5 })).toMatchObject({
			errcode: 85082,
		});
		await code({ operation: 'grayRelease', grayPercentage: 30 });
		const [plan] = await code({ operation: 'getGrayReleasePlan' });
		expect(plan.json.gray_release_plan).toMatchObject({ status: 1, gray_percentage: 30 });
		expect(await failing({ operation: 'rollBackRelease' })).toMatchObject({ errcode: 87011 });
		await code({ operation: 'revertGrayRelease' });
		const [reverted] = await code({ operation: 'getGrayReleasePlan' });
		expect(reverted.json.gray_release_plan).toMatchObject({ status: 4 });

		await code({ operation: 'release' });
		expect(h.sim.wxa.code(MINI.appId).release?.version.userVersion).toBe('3.1.0');
		await code({ operation: 'rollBackRelease' });
		expect(h.sim.wxa.code(MINI.appId).release?.version.userVersion).toBe('3.0.1');
		expect(await failing({ operation: 'rollBackRelease' })).toMatchObject({ errcode: 87012 });

		await code({ operation: 'setVisitStatus', visitStatus: 'close' });
		expect(lastRequest('/wxa/change_visitstatus').body).toEqual({ action: 'close' });
		expect(h.sim.wxa.code(MINI.appId).visitStatus).toBe('close');
		h.expectNoSecrets([committed, submitted, status, released, versions, plan]);
	});

	it('withdraws a running audit; a rejected audit carries the reason and cannot be released', async () => {
		const templateId = await newTemplate('4.0.0');
		await code({ operation: 'commit', templateId, extJson: '{}', userVersion: '4.0.0' });
		await code({ operation: 'submitForAudit' });
		await code({ operation: 'withdrawAudit' });
		const [withdrawn] = await code({ operation: 'getAuditStatus', audit: 'latest' });
		expect(withdrawn.json.status).toBe(3);
		expect(await failing({ operation: 'withdrawAudit' })).toMatchObject({ errcode: 85019 });

		await code({ operation: 'submitForAudit' });
		await h.sim.wxa.decideAudit(MINI.appId, 'reject', {
			reason: 'menu text unclear',
			screenshot: 'a|b',
		});
		const [rejected] = await code({ operation: 'getAuditStatus', audit: 'latest' });
		expect(rejected.json).toMatchObject({
			status: 1,
			reason: 'menu text unclear',
			ScreenShot: 'a|b',
		});
		expect(await failing({ operation: 'release' })).toMatchObject({ errcode: 85020 });
		expect(
			await failing({ operation: 'getAuditStatus', audit: 'byId', auditId: '1' }),
		).toMatchObject({ errcode: 85012 });
	});

	it('refuses bad ext_json and unknown templates with WeChat’s errcodes', async () => {
		const templateId = await newTemplate('5.0.0');
		// The node catches text that is not a JSON object before WeChat does.
		const [local] = await h.run(
			{
				resource: 'miniProgramCode',
				operation: 'commit',
				templateId,
				extJson: '[1]',
				userVersion: '5',
			},
			[mini],
			{ continueOnFail: true },
		);
		expect(local.json.error).toMatch(/Ext JSON must be a JSON object/);
		// The default Ext JSON has an empty extAppid: the chosen mini program's AppID is filled in.
		const defaultExt = commitFields.find((p) => p.name === 'extJson')!.default as string;
		await code({ operation: 'commit', templateId, extJson: defaultExt, userVersion: '5.0.0' });
		expect(JSON.parse((lastRequest('/wxa/commit').body as IDataObject).ext_json as string)).toEqual(
			{
				extEnable: true,
				extAppid: MINI.appId,
				ext: {},
			},
		);
		h.sim.clearRecords();
		expect(h.sim.count('/wxa/commit')).toBe(0);
		expect(
			await failing({ operation: 'commit', templateId: 999_999, extJson: '{}', userVersion: '5' }),
		).toMatchObject({ errcode: 85014 });
		expect(
			await failing({
				operation: 'commit',
				templateId,
				extJson: '{"extPages": {"pages/missing/missing": {}}}',
				userVersion: '5',
			}),
		).toMatchObject({ errcode: 85045 });
	});

	it('an Official Account gets 61007 (not authorized for the code APIs)', async () => {
		const oa = { json: { authorizerAppId: OA.appId } };
		expect(await failing({ operation: 'getVersionInfo' }, oa)).toMatchObject({ errcode: 61007 });
	});
});
