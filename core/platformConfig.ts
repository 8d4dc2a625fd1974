import { WeChatPlatformError } from './api/errors';
import { WeChatTransport } from './api/transport';
import type { Logger } from './api/types';
import { assertComponentAppId, createStore } from './store/createStore';
import { KeepingStore } from './store/KeepingStore';
import type { Store, StoreKind } from './store/types';
import { TokenManager } from './tokens/TokenManager';

/** What a WeChatPlatform is built from (nodes/shared/platform.ts reads it from the credential). */
export interface PlatformConfig {
	componentAppId: string;
	componentAppSecret: string;
	token: string;
	encodingAESKey: string;
	previousEncodingAESKey?: string;
	/** `https://api.weixin.qq.com`, a proxy, or the local simulator. */
	apiBaseUrl: string;
	store: { kind: StoreKind; redisUrl?: string; baseDir?: string };
	/** Per-request timeout (default 10 s). */
	timeoutMs?: number;
	logger?: Logger;
	/** Tuning, mostly for tests: see TokenManagerOptions and TransportOptions. */
	refreshMarginMs?: number;
	lockTtlMs?: number;
	lockWaitMs?: number;
	retryBaseDelayMs?: number;
}

/** The private parts of a platform, wired from its configuration. */
export interface PlatformParts {
	store: Store;
	transport: WeChatTransport;
	tokens: TokenManager;
}

/** Checks the configuration, then builds the store, the transport and the token manager on them. */
export function platformParts(config: PlatformConfig): PlatformParts {
	assertComponentAppId(config.componentAppId);
	if (!config.componentAppSecret)
		throw new WeChatPlatformError(
			'CONFIG_INVALID',
			'The component AppSecret is missing',
			'fill in Component AppSecret in the credential (Open Platform → Third-party Platform → Details)',
		);
	const warn = (message: string) => config.logger?.warn?.(message);
	// Kept values survive a failed write (full disk, Redis down) until the store takes them.
	const store = new KeepingStore(
		createStore({
			kind: config.store.kind,
			componentAppId: config.componentAppId,
			redisUrl: config.store.redisUrl,
			baseDir: config.store.baseDir,
			onError: warn,
		}),
		warn,
	);
	const transport = new WeChatTransport({
		baseUrl: config.apiBaseUrl,
		timeoutMs: config.timeoutMs,
		retryBaseDelayMs: config.retryBaseDelayMs,
		logger: config.logger,
	});
	const tokens = new TokenManager({
		componentAppId: config.componentAppId,
		componentAppSecret: config.componentAppSecret,
		store,
		transport,
		refreshMarginMs: config.refreshMarginMs,
		lockTtlMs: config.lockTtlMs,
		lockWaitMs: config.lockWaitMs,
		logger: config.logger,
	});
	return { store, transport, tokens };
}
