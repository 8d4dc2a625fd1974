/**
 * One WeChatPlatform per credential configuration for the whole n8n process: nodes and triggers that
 * use the same credential share its tokens, store connection and refresh locks. Replaced and idle
 * platforms are closed, so credential edits do not pile up Redis connections.
 */
import { createHash } from 'node:crypto';

import { WeChatPlatform } from './platform';
import type { PlatformConfig } from './platformConfig';

interface Held {
	platform: WeChatPlatform;
	lastUsed: number;
}

const platforms = new Map<string, Held>();
/** Replaced platforms waiting out their grace period. */
const retiring = new Set<WeChatPlatform>();

/** A platform nobody asked for in this long is closed (its Redis connection released). */
export const PLATFORM_IDLE_MS = 60 * 60_000;
/**
 * A platform replaced by an edited credential is closed after this long, so that executions that
 * already hold it finish their calls.
 */
export const REPLACED_PLATFORM_GRACE_MS = 60_000;

/** The cache key: AppID plus a hash of the whole configuration, never the secrets themselves. */
function fingerprint(config: PlatformConfig): string {
	const { logger: _logger, ...rest } = config;
	void _logger;
	const canonical = JSON.stringify(rest, Object.keys(flatten(rest)).sort());
	return `${config.componentAppId}#${createHash('sha256').update(canonical).digest('hex').slice(0, 32)}`;
}

function flatten(value: object, out: Record<string, true> = {}): Record<string, true> {
	for (const [name, inner] of Object.entries(value)) {
		out[name] = true;
		if (inner && typeof inner === 'object') flatten(inner as object, out);
	}
	return out;
}

/**
 * One platform per component and configuration per process. `replaces`: the configuration this one
 * supersedes (the same credential before an edit): its platform is closed after a grace period. Any
 * platform nobody asked for in PLATFORM_IDLE_MS is closed too: in a long-running n8n, credential
 * edits must not pile up connections. (Two credentials of one component used side by side keep
 * a platform each: only an explicit replacement retires one.)
 */
export function getPlatform(
	config: PlatformConfig,
	options: { replaces?: PlatformConfig; now?: number } = {},
): WeChatPlatform {
	const now = options.now ?? Date.now();
	const key = fingerprint(config);
	if (options.replaces) {
		const oldKey = fingerprint(options.replaces);
		if (oldKey !== key) retire(oldKey);
	}
	const held = platforms.get(key);
	if (held) {
		held.lastUsed = now;
		return held.platform;
	}
	const platform = new WeChatPlatform(config);
	platforms.set(key, { platform, lastUsed: now });
	void closeIdlePlatforms(PLATFORM_IDLE_MS, now);
	return platform;
}

function retire(key: string): void {
	const old = platforms.get(key);
	if (!old) return;
	platforms.delete(key);
	retiring.add(old.platform);
	const timer = setTimeout(() => {
		retiring.delete(old.platform);
		old.platform.close().catch(() => undefined);
	}, REPLACED_PLATFORM_GRACE_MS);
	timer.unref();
}

/** How many platforms this process holds (open or waiting out their grace period). */
export function heldPlatforms(): number {
	return platforms.size + retiring.size;
}

/** Closes and forgets the platforms nobody asked for in `idleMs`; returns how many. */
export async function closeIdlePlatforms(
	idleMs = PLATFORM_IDLE_MS,
	now = Date.now(),
): Promise<number> {
	const idle = [...platforms].filter(([, held]) => now - held.lastUsed >= idleMs);
	for (const [key] of idle) platforms.delete(key);
	await Promise.all(idle.map(([, held]) => held.platform.close().catch(() => undefined)));
	return idle.length;
}

/** Closes every platform's store (Redis connections) and forgets them; for tests and shutdown. */
export async function closeAllPlatforms(): Promise<void> {
	const all = [...[...platforms.values()].map((held) => held.platform), ...retiring];
	platforms.clear();
	retiring.clear();
	await Promise.all(all.map((platform) => platform.close().catch(() => undefined)));
}
