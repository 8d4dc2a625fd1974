import { WeChatPlatformError } from './api/errors';
import type { Store } from './store/types';

/** The part of the store the nodes may use: their own keys, never a token. */
export type NodeState = Pick<Store, 'get' | 'set' | 'setIfAbsent' | 'compareAndSet'>;

const NODE_KEY_PREFIX = 'trigger:';

export function nodeStateOf(store: Store): NodeState {
	const own = (key: string): string => {
		if (!key.startsWith(NODE_KEY_PREFIX))
			throw new WeChatPlatformError(
				'NODE_STATE_KEY',
				`Node state keys start with "${NODE_KEY_PREFIX}" (got "${key.slice(0, 40)}")`,
			);
		return key;
	};
	return {
		get: (key) => store.get(own(key)),
		set: (key, value, ttlMs) => store.set(own(key), value, ttlMs),
		setIfAbsent: (key, value, ttlMs) => store.setIfAbsent(own(key), value, ttlMs),
		compareAndSet: (key, expected, value, ttlMs) =>
			store.compareAndSet(own(key), expected, value, ttlMs),
	};
}
