/** Mini Program Registration (fast registration) against the simulator, through the action node. */
import { NodeApiError } from 'n8n-workflow';

import { startActionHarness, type ActionHarness } from '../helpers/actionHarness';

let h: ActionHarness;
const ENTERPRISE = {
	resource: 'miniProgramRegistration',
	operation: 'register',
	name: 'Acme Noodles Co., Ltd.',
	codeType: '1',
	code: '91440300MA5F0XXX1X',
	legalPersonaWechat: 'zhang_san88',
	legalPersonaName: 'Zhang San',
	componentPhone: '13800000000',
};
const ENT_PATH = '/cgi-bin/component/fastregisterweapp';
const PERSONAL_PATH = '/wxa/component/fastregisterpersonalweapp';
const TRIAL_PATH = '/wxa/component/fastregisterbetaweapp';

beforeAll(async () => {
	h = await startActionHarness();
});
afterAll(() => h.close());
beforeEach(() => h.sim.clearRecords());

const only = (path: string) => h.onlyRequest(path);
const componentTokenOf = (query: Record<string, string>) => h.componentTokenOf(query);

/** The node's error for one run (Continue On Fail off). */
async function failure(parameters: Record<string, unknown>): Promise<NodeApiError> {
	const error: unknown = await h.run(parameters as never, [{ json: {} }]).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(NodeApiError);
	return error as NodeApiError;
}

describe('Register Mini Program (enterprise) and Get Registration Status', () => {
	it("submits WeChat's fields with the component token; the status follows the legal person", async () => {
		const [out] = await h.run(ENTERPRISE, [{ json: {} }]);
		const request = only(ENT_PATH);
		expect(request.query.action).toBe('create');
		expect(componentTokenOf(request.query)).toMatchObject({ kind: 'component' });
		expect(request.body).toEqual({
			name: ENTERPRISE.name,
			code: ENTERPRISE.code,
			code_type: 1,
			legal_persona_wechat: ENTERPRISE.legalPersonaWechat,
			legal_persona_name: ENTERPRISE.legalPersonaName,
			component_phone: ENTERPRISE.componentPhone,
		});
		expect(out.json).toMatchObject({
			success: true,
			registrationType: 'enterprise',
			name: ENTERPRISE.name,
			legalPersonaWechat: ENTERPRISE.legalPersonaWechat,
			legalPersonaName: ENTERPRISE.legalPersonaName,
		});
		h.expectNoSecrets(out);

		// Get Registration Status reads the register item's fields by default.
		const status = { resource: 'miniProgramRegistration', operation: 'getStatus' };
		const [pending] = await h.run(status, [out]);
		expect(pending.json).toMatchObject({
			registrationType: 'enterprise',
			status: 89251,
			registered: false,
			done: false,
			message: expect.stringMatching(/legal person to confirm/),
		});

		const task = h.sim.fastRegistrations().at(-1)!;
		await h.sim.completeFastRegistration(task.id);
		const [registered] = await h.run(status, [out]);
		expect(registered.json).toMatchObject({ status: 0, registered: true, done: true });

		// A second enterprise whose registration WeChat rejected: a final state, not an error.
		const rejected = { ...ENTERPRISE, name: 'Blocked Ltd.', code: '91440300MA5F0YYY2Y' };
		const [second] = await h.run(rejected, [{ json: {} }]);
		await h.sim.completeFastRegistration(h.sim.fastRegistrations().at(-1)!.id, {
			approve: false,
			status: 1002,
		});
		const [blocked] = await h.run(status, [second]);
		expect(blocked.json).toMatchObject({
			status: 1002,
			registered: false,
			done: true,
			message: expect.stringMatching(/blacklist/),
		});
	});

	it('explains WeChat refusals with hints (invalid WeChat ID, task running, unknown task, name mismatch)', async () => {
		const invalid = await failure({ ...ENTERPRISE, legalPersonaWechat: '1 not an id' });
		expect(invalid.message).toMatch(/86004/);
		expect(invalid.description).toMatch(/WeChat ID/);

		const fresh = { ...ENTERPRISE, name: 'Second Shop', code: '91440300MA5F0ZZZ3Z' };
		await h.run(fresh, [{ json: {} }]);
		const running = await failure(fresh);
		expect(running.message).toMatch(/89249/);
		expect(running.description).toMatch(/24 hours/);

		const unknown = await failure({
			resource: 'miniProgramRegistration',
			operation: 'getStatus',
			name: 'Nobody Ltd.',
			legalPersonaWechat: 'nobody_01',
			legalPersonaName: 'No Body',
		});
		expect(unknown.message).toMatch(/89250/);
		expect(unknown.description).toMatch(/no such registration/);

		h.sim.failNext(ENT_PATH, 61070);
		const mismatch = await failure({
			...ENTERPRISE,
			name: 'Third Shop',
			code: '91440300MA5F0WWW4W',
		});
		expect(mismatch.description).toMatch(/legal person's name does not match/);
	});

	it('refuses an empty required field before calling WeChat', async () => {
		await expect(h.run({ ...ENTERPRISE, name: ' ' }, [{ json: {} }])).rejects.toThrow(
			/Enterprise Name is empty/,
		);
		expect(h.sim.count(ENT_PATH)).toBe(0);
	});
});

describe('Register Personal Mini Program', () => {
	it('returns the task ID and the URL the person confirms at; the status query follows it', async () => {
		const [out] = await h.run(
			{
				resource: 'miniProgramRegistration',
				operation: 'registerPersonal',
				idName: 'Li Si',
				wxUser: 'lisi_2024',
				componentPhone: '13900000000',
			},
			[{ json: {} }],
		);
		const request = only(PERSONAL_PATH);
		expect(request.query.action).toBe('create');
		expect(request.body).toEqual({
			idname: 'Li Si',
			wxuser: 'lisi_2024',
			component_phone: '13900000000',
		});
		expect(out.json).toMatchObject({
			success: true,
			registrationType: 'personal',
			taskid: expect.any(String),
			authorize_url: expect.stringMatching(/^http/),
		});
		const status = {
			resource: 'miniProgramRegistration',
			operation: 'getStatus',
			registrationType: 'personal',
		};
		const [pending] = await h.run(status, [out]);
		expect(pending.json).toMatchObject({ registrationType: 'personal', status: 1 });
		const { task } = await h.sim.completeFastRegistration(String(out.json.taskid));
		const [done] = await h.run(status, [out]);
		expect(done.json).toMatchObject({ status: 0, appid: task.appId });
	});
});

describe('Register Trial Mini Program', () => {
	it('sends the component token as access_token and returns unique_id and authorize_url', async () => {
		const [out] = await h.run(
			{
				resource: 'miniProgramRegistration',
				operation: 'registerTrial',
				name: 'Trial Shop',
				openId: 'oTrialUser000000000000000001',
			},
			[{ json: {} }],
		);
		const request = only(TRIAL_PATH);
		expect(request.query.component_access_token).toBeUndefined();
		expect(h.sim.state.tokens.get(request.query.access_token)).toMatchObject({ kind: 'component' });
		expect(request.body).toEqual({ name: 'Trial Shop', openid: 'oTrialUser000000000000000001' });
		expect(out.json).toMatchObject({
			success: true,
			registrationType: 'trial',
			unique_id: expect.any(String),
			authorize_url: expect.stringMatching(/^http/),
		});
		h.expectNoSecrets(out);
	});
});
