/**
 * Everything an action-node integration test needs: a simulator over real HTTP, a credential that
 * points at it, the platform with a ticket stored, and a way to run the node on items.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import { type WeChatPlatform } from '../../core/platform';
import { closeAllPlatforms } from '../../core/platformRegistry';
import { WeChatOpenPlatform } from '../../nodes/WeChatOpenPlatform/WeChatOpenPlatform.node';
import { platformFor } from '../../nodes/shared/platform';
import {
	DEFAULT_OPENID,
	startSimulator,
	type AuthorizerInput,
	type ComponentConfig,
	type RecordedRequest,
	type Simulator,
} from '../../simulator';
import { randomComponentConfig } from '../../simulator/keys';
import { executeContext, type FakeExecution } from './n8n';

export interface ActionHarness {
	sim: Simulator;
	component: ComponentConfig;
	credentials: ICredentialDataDecryptedObject;
	platform: WeChatPlatform;
	node: WeChatOpenPlatform;
	/** Adds the account to the simulator and stores its tokens through api_query_auth. */
	authorize(account: AuthorizerInput): Promise<void>;
	execution(
		parameters: INodeParameters,
		items?: INodeExecutionData[],
		o?: { continueOnFail?: boolean; flowContext?: IDataObject },
	): FakeExecution;
	/** Runs the node and returns its only output. */
	run(
		parameters: INodeParameters,
		items?: INodeExecutionData[],
		o?: { continueOnFail?: boolean },
	): Promise<INodeExecutionData[]>;
	/** Every secret the simulator and the credential know: tokens, tickets, AppSecret, keys. */
	secrets(): string[];
	/** Fails the test if any secret occurs in the JSON of `value`. */
	expectNoSecrets(value: unknown): void;
	/** The one request to `path` since the last clearRecords(); fails the test otherwise. */
	onlyRequest(path: string): RecordedRequest;
	/** The simulator's record of the component token a request's query carries. */
	componentTokenOf(query: Record<string, string>): unknown;
	close(): Promise<void>;
}

export async function startActionHarness(
	o: {
		userPageSize?: number;
		/** Accounts authorized (in this order) before the harness is returned. */
		accounts?: AuthorizerInput[];
	} = {},
): Promise<ActionHarness> {
	const component = randomComponentConfig();
	const sim = await startSimulator({ component, userPageSize: o.userPageSize });
	const dir = mkdtempSync(join(tmpdir(), 'wechat-action-'));
	process.env.N8N_USER_FOLDER = dir;
	const credentials: ICredentialDataDecryptedObject = {
		componentAppId: component.appId,
		componentAppSecret: component.appSecret,
		token: component.token,
		encodingAESKey: component.encodingAESKey,
		apiBaseUrl: sim.url,
		store: 'file',
	};
	const platform = await platformFor({ getCredentials: async () => credentials });
	await platform.saveTicket(sim.issueTicket());
	const node = new WeChatOpenPlatform();

	const secrets = (): string[] => {
		const s = sim.state;
		const all = [
			component.appSecret,
			component.token,
			component.encodingAESKey,
			...s.tokens.keys(),
			...s.tickets.keys(),
			...s.oauthTokens.keys(),
			...s.oauthRefreshTokens.keys(),
			...[...s.authorizers.values()].map((a) => a.refreshToken ?? ''),
		];
		return all.filter((v) => v.length >= 8);
	};

	const harness: ActionHarness = {
		sim,
		component,
		credentials,
		platform,
		node,
		async authorize(account) {
			sim.addAuthorizer(account);
			await platform.queryAuth(sim.createAuthorizationCode(account.appId));
		},
		execution: (parameters, items, o = {}) =>
			executeContext({ nodeType: node, parameters, items, credentials, ...o }),
		async run(parameters, items, o = {}) {
			const [output] = await harness.execution(parameters, items, o).run();
			return output;
		},
		secrets,
		expectNoSecrets(value) {
			const text = JSON.stringify(value, (_k, v: unknown) =>
				v instanceof Error ? { ...v, message: v.message, stack: v.stack } : v,
			);
			const leaked = secrets().filter((secret) => text.includes(secret));
			expect(leaked).toEqual([]);
		},
		onlyRequest(path) {
			const found = sim.requests.filter((r) => r.path === path);
			expect(found).toHaveLength(1);
			return found[0];
		},
		componentTokenOf: (query) =>
			sim.state.tokens.get(query.component_access_token ?? query.access_token),
		async close() {
			await closeAllPlatforms();
			await sim.close();
			rmSync(dir, { recursive: true, force: true });
		},
	};
	for (const account of o.accounts ?? []) await harness.authorize(account);
	return harness;
}

/** An account id for the tests, in AppID shape. */
export const OA: AuthorizerInput = {
	appId: 'wx0a1b2c3d4e5f6a7b',
	userName: 'gh_0123456789ab',
	nickName: 'Demo Coffee',
};
export const OPENID = DEFAULT_OPENID;

/**
 * The harness with OA authorized and OPENID one of its followers, named Li Lei, who has messaged it
 * (so customer-service messages to them are inside WeChat's 48-hour window).
 */
export async function startWithFollower(o: { userPageSize?: number } = {}): Promise<ActionHarness> {
	const h = await startActionHarness({ ...o, accounts: [OA] });
	h.sim.addUser(OA.appId, OPENID, { nickname: 'Li Lei', interacted: true });
	return h;
}
