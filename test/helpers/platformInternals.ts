import type { WeChatPlatform } from '../../core/platform';
import type { Store } from '../../core/store/types';
import type { TokenManager } from '../../core/tokens/TokenManager';

/**
 * What a platform keeps private (the nodes go through its methods only), for tests that set up
 * or inspect the store and the token records directly.
 */
export function internals(platform: WeChatPlatform): { tokens: TokenManager; store: Store } {
	const open = platform as unknown as { tokens: TokenManager; store: Store };
	return { tokens: open.tokens, store: open.store };
}
