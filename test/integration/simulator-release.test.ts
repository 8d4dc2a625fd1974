import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { WeChatCrypto } from '../../core/crypto';
import { buildEncryptedReply, buildReplyXml } from '../../core/reply';
import { parseEnvelope, parseMessage } from '../../core/xml';
import {
	RELEASE_TEST_OPENID,
	randomComponentConfig,
	startSimulator,
	type Simulator,
} from '../../simulator';

const component = randomComponentConfig();
const crypto = new WeChatCrypto(component);

let sim: Simulator;
let server: Server;
let base: string;
/** When false the platform acknowledges everything with "success" (and fails detection). */
let behaves = true;
let ticket = '';

/** A minimal, correct platform: what the trigger must do, written out by hand against the simulator. */
async function handle(path: string, query: URLSearchParams, body: Buffer): Promise<string> {
	const env = parseEnvelope(body);
	const msg = parseMessage(crypto.decrypt(env.encrypt)) as Record<string, string>;
	if (!behaves) return 'success';
	if (path === '/auth') {
		if (msg.InfoType === 'component_verify_ticket') ticket = msg.ComponentVerifyTicket;
		return 'success';
	}
	const reply = (content: string) =>
		buildEncryptedReply(
			crypto,
			buildReplyXml(
				{ type: 'text', content },
				{ toUserName: msg.FromUserName, fromUserName: msg.ToUserName },
			),
			{ timestamp: query.get('timestamp') ?? '0', nonce: query.get('nonce') ?? 'n' },
		);
	if (msg.MsgType === 'event') return reply(`${msg.Event}from_callback`);
	if (msg.Content === 'TESTCOMPONENT_MSG_TYPE_TEXT')
		return reply('TESTCOMPONENT_MSG_TYPE_TEXT_callback');
	if (msg.Content.startsWith('QUERY_AUTH_CODE:')) {
		const code = msg.Content.slice('QUERY_AUTH_CODE:'.length);
		// Answer at once, call the APIs afterwards.
		setImmediate(() => {
			void (async () => {
				const api = axios.create({ baseURL: sim.url });
				const ct = (
					await api.post('/cgi-bin/component/api_component_token', {
						component_appid: component.appId,
						component_appsecret: component.appSecret,
						component_verify_ticket: ticket,
					})
				).data.component_access_token as string;
				const auth = await api.post(
					'/cgi-bin/component/api_query_auth',
					{ component_appid: component.appId, authorization_code: code },
					{ params: { component_access_token: ct } },
				);
				await api.post(
					'/cgi-bin/message/custom/send',
					{ touser: msg.FromUserName, msgtype: 'text', text: { content: `${code}_from_api` } },
					{
						params: {
							access_token: auth.data.authorization_info.authorizer_access_token as string,
						},
					},
				);
			})();
		});
		return '';
	}
	return 'success';
}

beforeEach(async () => {
	behaves = true;
	sim = await startSimulator({ component });
	server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const u = new URL(req.url ?? '/', 'http://x');
			void handle(u.pathname, u.searchParams, Buffer.concat(chunks)).then((text) => res.end(text));
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
	await sim.close();
	server.closeAllConnections();
	await new Promise<void>((r) => server.close(() => r()));
});

it('passes a platform that answers every release-detection case', async () => {
	const report = await sim.runReleaseTest({
		authorizationUrl: `${base}/auth`,
		messageUrl: `${base}/$APPID$/callback`,
	});
	expect(report.steps.filter((s) => !s.ok)).toEqual([]);
	expect(report.passed).toBe(true);
	expect(sim.sentMessages[0].body.touser).toBe(RELEASE_TEST_OPENID);
});

it('fails, step by step, a platform that only says "success" (via the control API)', async () => {
	behaves = false;
	const res = await axios.post(`${sim.url}/__sim/release-test`, {
		authorizationUrl: `${base}/auth`,
		messageUrl: `${base}/$APPID$/callback`,
		apiReplyTimeoutMs: 200,
	});
	const report = res.data as { passed: boolean; steps: Array<{ name: string; ok: boolean }> };
	expect(report.passed).toBe(false);
	expect(report.steps.map((s) => [s.name, s.ok])).toEqual([
		['ticket received', true],
		['authorization event', true],
		['passive text reply', false],
		['event reply', false],
		['empty answer to QUERY_AUTH_CODE', true],
		['customer-service reply "<code>_from_api"', false],
	]);
});
