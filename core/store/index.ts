export type { LockOptions, Store, StoreKind, WriteOptions } from './types';
export { MemoryStore } from './MemoryStore';
export { FileStore, type FileStoreOptions } from './FileStore';
export { RedisStore, type RedisStoreOptions } from './RedisStore';
export { createStore, defaultBaseDir, type StoreConfig } from './createStore';
export {
	LockTimeoutError,
	StoreConfigError,
	StoreCorruptError,
	StoreError,
	StoreUnavailableError,
	StoreWriteError,
} from './errors';
export { KeepingStore } from './KeepingStore';
export { parseRedisUrl, type RedisTarget } from './redisUrl';
