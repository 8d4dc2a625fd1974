import { homedir } from 'node:os';
import { join } from 'node:path';

import { invalidAppIdError } from '../api/errors';
import { isAppId } from '../appId';
import { StoreConfigError } from './errors';
import { FileStore } from './FileStore';
import { MemoryStore } from './MemoryStore';
import { RedisStore } from './RedisStore';
import type { Store, StoreKind } from './types';

export interface StoreConfig {
	kind: StoreKind;
	componentAppId: string;
	redisUrl?: string;
	/**
	 * Folder that holds one sub-folder per component AppID
	 * (default `<N8N_USER_FOLDER or home>/.n8n/wechat-open-platform`).
	 */
	baseDir?: string;
	onError?: (message: string) => void;
}

export function defaultBaseDir(): string {
	return join(process.env.N8N_USER_FOLDER || homedir(), '.n8n', 'wechat-open-platform');
}

/** The AppID becomes a folder name and a key prefix: only WeChat's AppID shape (see appId.ts). */
export function assertComponentAppId(appId: string): void {
	if (!isAppId(appId)) {
		throw invalidAppIdError('The component AppID', appId);
	}
}

export function createStore(config: StoreConfig): Store {
	assertComponentAppId(config.componentAppId);
	switch (config.kind) {
		case 'memory':
			return new MemoryStore();
		case 'redis':
			if (!config.redisUrl)
				throw new StoreConfigError(
					'The Redis store needs a Redis URL (redis://[:password@]host:port[/db])',
					'fill in Redis URL in the credential, or choose the file store',
				);
			return new RedisStore({
				url: config.redisUrl,
				componentAppId: config.componentAppId,
				onError: config.onError,
			});
		case 'file':
			return new FileStore({
				dir: join(config.baseDir ?? defaultBaseDir(), config.componentAppId),
			});
		default:
			throw new StoreConfigError(
				`Unknown store kind "${String(config.kind)}" (expected file, redis or memory)`,
				'choose File or Redis as Token Store in the credential',
			);
	}
}
