/**
 * Runs the WeChat simulator on its own: `npm run simulator` (or `node build/tools/simulator/cli.js`).
 * Settings come from flags or environment variables; the component's credentials persist in a config
 * file (owner-only) so that the n8n credential keeps matching across restarts. Secrets are never printed.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { randomComponentConfig, startSimulator, type ComponentConfig } from './index';
import { RELEASE_TEST_ACCOUNT } from './release';
import { MINI_PROGRAM_FUNC_INFO } from './wxaModel';

const HELP = `WeChat Open Platform simulator

  --port <n>             SIM_PORT              default 5690
  --host <addr>          SIM_HOST              default 127.0.0.1
  --config <file>        SIM_CONFIG            default .n8n-local/wechat-simulator.json
  --app-id <wx…>         SIM_COMPONENT_APPID   component AppID     (else from the config file, else random)
  --app-secret <s>       SIM_COMPONENT_APPSECRET
  --token <s>            SIM_TOKEN
  --aes-key <43 chars>   SIM_ENCODING_AES_KEY
  --auth-url <url>       SIM_AUTH_EVENT_URL    authorization-event URL: tickets are pushed here on
                                               api_start_push_ticket and every --ticket-every ms
  --ticket-every <ms>    SIM_TICKET_INTERVAL_MS default 600000 (WeChat: every 10 minutes); 0 = never
  --audit-delay <ms>     SIM_AUDIT_DELAY_MS    mini-program audits are approved after this long
                                               (default 5000); "manual" = only from the page/control API
`;

/** Demo accounts, authorized at start; the last one is WeChat's release-test Official Account (group 1). */
const DEMO_ACCOUNTS = [
	{
		appId: 'wx00000000c0ffee01',
		userName: 'gh_democoffee01',
		nickName: 'Demo Coffee Shop',
		serviceTypeId: 2,
	},
	{
		appId: 'wx00000000b00c5002',
		userName: 'gh_demobooks002',
		nickName: 'Demo Bookstore',
		serviceTypeId: 0,
	},
	{
		appId: 'wx000000007ea00003',
		userName: 'gh_demotea00003',
		nickName: 'Demo Tea House Mini Program',
		serviceTypeId: 0,
		miniProgram: true,
		funcInfo: MINI_PROGRAM_FUNC_INFO,
	},
	{ ...RELEASE_TEST_ACCOUNT, serviceTypeId: 2 },
];

function parseArgs(argv: string[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') out.help = '1';
		else if (arg.startsWith('--')) {
			const eq = arg.indexOf('=');
			if (eq > 0) out[arg.slice(2, eq)] = arg.slice(eq + 1);
			else out[arg.slice(2)] = argv[++i] ?? '';
		}
	}
	return out;
}

function loadConfig(
	file: string,
	given: Partial<ComponentConfig>,
): { config: ComponentConfig; created: boolean } {
	let stored: Partial<ComponentConfig> = {};
	if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<ComponentConfig>;
	const fresh = randomComponentConfig();
	const config: ComponentConfig = {
		appId: given.appId || stored.appId || fresh.appId,
		appSecret: given.appSecret || stored.appSecret || fresh.appSecret,
		token: given.token || stored.token || fresh.token,
		encodingAESKey: given.encodingAESKey || stored.encodingAESKey || fresh.encodingAESKey,
	};
	if (!/^[A-Za-z0-9]{43}$/.test(config.encodingAESKey)) {
		throw new Error('The EncodingAESKey must be 43 characters from A-Z, a-z, 0-9');
	}
	const changed = JSON.stringify(stored) !== JSON.stringify(config);
	if (changed) {
		mkdirSync(dirname(file), { recursive: true });
		writeFileSync(file, JSON.stringify(config, null, '\t') + '\n', { mode: 0o600 });
		chmodSync(file, 0o600);
	}
	return { config, created: changed };
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		console.log(HELP);
		return;
	}
	const env = process.env;
	const file = resolve(args.config ?? env.SIM_CONFIG ?? '.n8n-local/wechat-simulator.json');
	const { config, created } = loadConfig(file, {
		appId: args['app-id'] ?? env.SIM_COMPONENT_APPID,
		appSecret: args['app-secret'] ?? env.SIM_COMPONENT_APPSECRET,
		token: args.token ?? env.SIM_TOKEN,
		encodingAESKey: args['aes-key'] ?? env.SIM_ENCODING_AES_KEY,
	});
	const authUrl = args['auth-url'] ?? env.SIM_AUTH_EVENT_URL;
	const every = Number(args['ticket-every'] ?? env.SIM_TICKET_INTERVAL_MS ?? 600_000);
	const sim = await startSimulator({
		port: Number(args.port ?? env.SIM_PORT ?? 5690),
		host: args.host ?? env.SIM_HOST ?? '127.0.0.1',
		component: config,
		ticketPushUrl: authUrl || undefined,
	});
	for (const account of DEMO_ACCOUNTS) {
		sim.addAuthorizer(account);
		sim.createAuthorizationCode(account.appId);
	}
	// A draft as if the developer tool had uploaded one, so the code-template operations have data.
	sim.wxa.addDraft({ userVersion: '1.0.0', userDesc: 'Demo shop template' });
	const auditDelay = args['audit-delay'] ?? env.SIM_AUDIT_DELAY_MS ?? '5000';
	if (auditDelay !== 'manual' && !(Number(auditDelay) >= 0))
		throw new Error('--audit-delay must be a number of milliseconds or "manual"');
	sim.wxa.configureAudits({
		delayMs: auditDelay === 'manual' ? undefined : Number(auditDelay),
	});
	let timer: NodeJS.Timeout | undefined;
	if (authUrl && every > 0) {
		const push = () =>
			sim.pushTicket(authUrl).then(
				(r) =>
					console.log(
						`ticket pushed to ${authUrl}: HTTP ${r.status}${r.timedOut ? ' (timed out)' : ''}`,
					),
				(err: unknown) => console.log(`ticket push to ${authUrl} failed: ${String(err)}`),
			);
		timer = setInterval(() => void push(), every);
		timer.unref();
	}

	console.log(`WeChat simulator listening on ${sim.url}`);
	console.log(`  chat page and controls: ${sim.url}/__sim/   state: ${sim.url}/__sim/state`);
	console.log(`  component AppID: ${config.appId}`);
	console.log(`  AppSecret, Token and EncodingAESKey: ${file}${created ? ' (written now)' : ''}`);
	console.log(`  in the n8n credential set "API Base URL" to ${sim.url}`);
	console.log(
		`  demo accounts (authorized): ${DEMO_ACCOUNTS.map((a) => `${a.nickName} ${a.appId}`).join(', ')}`,
	);
	if (authUrl)
		console.log(
			`  tickets go to ${authUrl}${every > 0 ? ` every ${every} ms` : ''} and on api_start_push_ticket`,
		);

	const stop = () => {
		if (timer) clearInterval(timer);
		void sim.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
	console.error(err instanceof Error ? err.message : String(err));
	process.exit(1);
});
