import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { getPlatform, type PlatformConfig, type WeChatPlatform } from '../../core/platform';

export const CREDENTIAL_TYPE = 'wechatOpenPlatformApi';

type CredentialReader = {
	getCredentials(type: string): Promise<ICredentialDataDecryptedObject>;
};

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * n8n keeps its own files under `<N8N_USER_FOLDER or home>/.n8n`; our tickets and tokens sit next
 * to them so that they survive restarts and every n8n process on the host shares them.
 */
export function defaultStoreBaseDir(): string {
	return join(process.env.N8N_USER_FOLDER || homedir(), '.n8n', 'wechat-open-platform');
}

export function platformConfigFromCredentials(
	credentials: ICredentialDataDecryptedObject,
): PlatformConfig {
	const kind = credentials.store === 'redis' ? 'redis' : 'file';
	return {
		componentAppId: text(credentials.componentAppId),
		componentAppSecret: text(credentials.componentAppSecret),
		token: text(credentials.token),
		encodingAESKey: text(credentials.encodingAESKey),
		previousEncodingAESKey: text(credentials.previousEncodingAESKey) || undefined,
		apiBaseUrl: text(credentials.apiBaseUrl) || 'https://api.weixin.qq.com',
		store:
			kind === 'redis'
				? { kind, redisUrl: text(credentials.redisUrl) }
				: { kind, baseDir: defaultStoreBaseDir() },
	};
}

/** The process-wide platform for the node's credential: one per component, shared by executions. */
export async function platformFor(context: CredentialReader): Promise<WeChatPlatform> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	return getPlatform(platformConfigFromCredentials(credentials));
}
