/**
 * WeChat's whole release-detection script (the simulator's driver, as WeChat runs it when the
 * operator clicks "全网发布"), against a fresh trigger with default settings and no workflow.
 */
import type { WebhookServer } from '../helpers/n8n';
import { startTriggerFixture, type TriggerFixture } from '../helpers/triggerFixture';

let f: TriggerFixture;
let server: WebhookServer;

beforeAll(async () => {
	f = await startTriggerFixture();
	server = await f.serve();
});

afterAll(async () => {
	await f.close();
});

test('every step passes and only the authorization event starts an execution', async () => {
	const report = await f.sim.runReleaseTest({
		authorizationUrl: server.url('authorization'),
		messageUrl: server.url('$APPID$/callback'),
		apiReplyTimeoutMs: 5000,
	});
	expect(report.steps.filter((s) => !s.ok)).toEqual([]);
	expect(report.steps.map((s) => s.name)).toEqual([
		'ticket received',
		'authorization event',
		'passive text reply',
		'event reply',
		'empty answer to QUERY_AUTH_CODE',
		'customer-service reply "<code>_from_api"',
	]);
	expect(report.passed).toBe(true);
	expect(server.executions.map((e) => e.json.InfoType ?? e.json.MsgType)).toEqual(['authorized']);
	expect(server.webhookErrors).toEqual([]);
});
