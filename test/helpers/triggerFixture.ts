/**
 * Shared setup of the trigger integration tests: a real WeChat simulator, a real file store in
 * a temp folder, and the trigger node served over real HTTP by the fake n8n webhook server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { type WeChatPlatform } from '../../core/platform';
import { closeAllPlatforms, getPlatform } from '../../core/platformRegistry';
import { WeChatOpenPlatformTrigger } from '../../nodes/WeChatOpenPlatformTrigger/WeChatOpenPlatformTrigger.node';
import { pendingReleaseWork } from '../../nodes/WeChatOpenPlatformTrigger/webhook/releaseTest';
import { CREDENTIAL_TYPE, platformConfigFromCredentials } from '../../nodes/shared/platform';
import { startSimulator, type ComponentConfig, type Simulator } from '../../simulator';
import { randomComponentConfig } from '../../simulator/keys';
import {
	RecordingLogger,
	startWebhookServer,
	type WebhookServer,
	type WebhookServerOptions,
} from './n8n';

export interface TriggerFixture {
	sim: Simulator;
	component: ComponentConfig;
	credentials: ICredentialDataDecryptedObject;
	/** Every server started through serve(), closed by close(). */
	servers: WebhookServer[];
	serve(
		parameters?: IDataObject,
		o?: Partial<Omit<WebhookServerOptions, 'nodeType' | 'parameters'>>,
	): Promise<WebhookServer>;
	platform(credentials?: ICredentialDataDecryptedObject): WeChatPlatform;
	close(): Promise<void>;
}

export async function startTriggerFixture(): Promise<TriggerFixture> {
	const userFolder = mkdtempSync(join(tmpdir(), 'wechat-trigger-'));
	// The file store lives under the n8n user folder, read when a platform is created.
	process.env.N8N_USER_FOLDER = userFolder;
	const component = randomComponentConfig();
	const sim = await startSimulator({ component, pushTimeoutMs: 5000 });
	const credentials: ICredentialDataDecryptedObject = {
		componentAppId: component.appId,
		componentAppSecret: component.appSecret,
		token: component.token,
		encodingAESKey: component.encodingAESKey,
		previousEncodingAESKey: '',
		apiBaseUrl: sim.url,
		store: 'file',
	};
	const servers: WebhookServer[] = [];
	return {
		sim,
		component,
		credentials,
		servers,
		async serve(parameters = {}, o = {}) {
			const server = await startWebhookServer({
				nodeType: new WeChatOpenPlatformTrigger(),
				parameters,
				credentials: { [CREDENTIAL_TYPE]: credentials },
				logger: new RecordingLogger(),
				...o,
			});
			servers.push(server);
			return server;
		},
		platform: (c = credentials) => getPlatform(platformConfigFromCredentials(c)),
		async close() {
			await Promise.allSettled([...pendingReleaseWork]);
			await Promise.all(servers.map((s) => s.close()));
			await sim.close();
			await closeAllPlatforms();
			rmSync(userFolder, { recursive: true, force: true });
		},
	};
}

/** Secrets that must never appear in items or logs. */
export function secretsOf(component: ComponentConfig): string[] {
	return [component.appSecret, component.token, component.encodingAESKey];
}
