/** The simulator's fast-registration APIs and control endpoints, over HTTP as a platform calls them. */
import axios from 'axios';

import { randomComponentConfig, startSimulator, type Simulator } from '../../simulator';

const component = randomComponentConfig();
const http = axios.create({ validateStatus: () => true });
const ENTERPRISE = {
	name: 'Sim Foods Ltd.',
	code: '91440300MA5F0SIM1X',
	code_type: 1,
	legal_persona_wechat: 'sim_legal01',
	legal_persona_name: 'Zhao Liu',
	component_phone: '13600000000',
};

let sim: Simulator;
let ct: string;

async function post(path: string, body: unknown, query: Record<string, string> = {}) {
	const res = await http.post(`${sim.url}${path}`, body, { params: query });
	return { status: res.status, data: res.data as Record<string, unknown> };
}
const create = (body: unknown, token = ct) =>
	post('/cgi-bin/component/fastregisterweapp', body, {
		action: 'create',
		component_access_token: token,
	});
const search = (body: unknown) =>
	post('/cgi-bin/component/fastregisterweapp', body, {
		action: 'search',
		component_access_token: ct,
	});
const SEARCH = {
	name: ENTERPRISE.name,
	legal_persona_wechat: ENTERPRISE.legal_persona_wechat,
	legal_persona_name: ENTERPRISE.legal_persona_name,
};

beforeEach(async () => {
	sim = await startSimulator({ component, pushTimeoutMs: 300 });
	const token = await post('/cgi-bin/component/api_component_token', {
		component_appid: component.appId,
		component_appsecret: component.appSecret,
		component_verify_ticket: sim.issueTicket(),
	});
	ct = String(token.data.component_access_token);
});
afterEach(async () => {
	await sim.close();
});

describe('enterprise registration', () => {
	it("checks WeChat's fields and the component token", async () => {
		const errcode = async (body: unknown, token?: string) =>
			(await create(body, token)).data.errcode;
		expect(await errcode(ENTERPRISE, 'not-a-token')).toBe(40001);
		expect(await errcode({ ...ENTERPRISE, legal_persona_name: '' })).toBe(89253);
		expect(await errcode({ ...ENTERPRISE, code_type: 4 })).toBe(89248);
		expect(await errcode({ ...ENTERPRISE, code: '123' })).toBe(89255);
		expect(await errcode({ ...ENTERPRISE, code_type: 3, code: '440300000000001' })).toBe(0);
		expect(await errcode({ ...ENTERPRISE, legal_persona_wechat: '13800000000' })).toBe(86004);
		expect(sim.fastRegistrations()).toHaveLength(1);
	});

	it('search follows the task: unknown, waiting, expired after 24 h, registered', async () => {
		expect((await search(SEARCH)).data.errcode).toBe(89250);
		expect((await create(ENTERPRISE)).data.errcode).toBe(0);
		expect((await search(SEARCH)).data.errcode).toBe(89251);
		// One running task per enterprise.
		expect((await create(ENTERPRISE)).data.errcode).toBe(89249);
		sim.clock.advance(24 * 3600_000);
		// Token lifetimes follow the simulated clock too: a fresh token for the rest.
		const token = await post('/cgi-bin/component/api_component_token', {
			component_appid: component.appId,
			component_appsecret: component.appSecret,
			component_verify_ticket: sim.issueTicket(),
		});
		ct = String(token.data.component_access_token);
		expect((await search(SEARCH)).data.errcode).toBe(100003);
		// After 24 h the enterprise may try again.
		expect((await create(ENTERPRISE)).data.errcode).toBe(0);
		const task = sim.fastRegistrations().at(-1)!;
		await sim.completeFastRegistration(task.id);
		expect((await search(SEARCH)).data).toMatchObject({ errcode: 0 });
		const account = sim.state.authorizers.get(task.appId!);
		expect(account).toMatchObject({
			authorized: true,
			miniProgram: true,
			nickName: ENTERPRISE.name,
		});
	});
});

describe('control API', () => {
	it('completes a registration and pushes the result; the confirm page approves a personal one', async () => {
		// A closed port: the push below fails (502), the registration is still done.
		const target = await startSimulator({ component: randomComponentConfig() });
		await target.close();
		const created = await post(
			'/wxa/component/fastregisterpersonalweapp',
			{ idname: 'Sun Qi', wxuser: 'sunqi_001' },
			{ action: 'create', component_access_token: ct },
		);
		expect(created.data).toMatchObject({ errcode: 0, taskid: expect.any(String) });
		const page = await http.get(String(created.data.authorize_url));
		expect(page.status).toBe(200);
		expect(String(page.data)).toMatch(/registered/);
		const query = await post(
			'/wxa/component/fastregisterpersonalweapp',
			{ taskid: created.data.taskid },
			{ action: 'query', component_access_token: ct },
		);
		expect(query.data).toMatchObject({ status: 0, appid: expect.stringMatching(/^wx/) });

		await create(ENTERPRISE);
		const id = sim.fastRegistrations().at(-1)!.id;
		const rejected = await post(`/__sim/fast-registration/complete`, {
			id,
			approve: false,
			status: 103,
			msg: 'name mismatch',
			url: `${target.url}/authorization`,
		});
		expect(rejected.status).toBe(502);
		expect(sim.fastRegistrations().at(-1)).toMatchObject({ state: 'failed', status: 103 });
		// The chat page lists registrations from the state dump.
		const state = (await http.get(`${sim.url}/__sim/state`)).data as {
			fastRegistrations: Array<{ id: string; state: string }>;
		};
		expect(state.fastRegistrations.map((t) => [t.id, t.state])).toContainEqual([id, 'failed']);
		expect((await search(SEARCH)).data.errcode).toBe(103);
		expect((await post('/__sim/fast-registration/complete', { id })).data.error).toMatch(
			/already failed/,
		);
	});

	it('the trial registration returns unique_id and authorize_url; missing fields are 40097', async () => {
		const missing = await post(
			'/wxa/component/fastregisterbetaweapp',
			{ name: 'X' },
			{ access_token: ct },
		);
		expect(missing.data.errcode).toBe(40097);
		const ok = await post(
			'/wxa/component/fastregisterbetaweapp',
			{ name: 'Trial', openid: 'oTrial' },
			{ access_token: ct },
		);
		expect(ok.data).toMatchObject({
			errcode: 0,
			unique_id: expect.any(String),
			authorize_url: expect.stringContaining('/__sim/fast-registration/confirm?id='),
		});
	});
});
