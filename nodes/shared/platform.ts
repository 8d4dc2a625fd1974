import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';

import type { WeChatPlatform } from '../../core/platform';
import type { PlatformConfig } from '../../core/platformConfig';
import { getPlatform } from '../../core/platformRegistry';
import { defaultBaseDir } from '../../core/store/createStore';
import { text } from '../../core/text';

export const CREDENTIAL_TYPE = 'wechatOpenPlatformApi';

type CredentialReader = {
	getCredentials(type: string): Promise<ICredentialDataDecryptedObject>;
};

const trimmed = (value: unknown): string => text(value).trim();

export function platformConfigFromCredentials(
	credentials: ICredentialDataDecryptedObject,
): PlatformConfig {
	const kind = credentials.store === 'redis' ? 'redis' : 'file';
	// The core's default folder, `<N8N_USER_FOLDER or home>/.n8n/wechat-open-platform`: tickets and
	// tokens sit next to n8n's own files so that they survive restarts and every n8n process on the
	// host shares them.
	return {
		componentAppId: trimmed(credentials.componentAppId),
		componentAppSecret: trimmed(credentials.componentAppSecret),
		token: trimmed(credentials.token),
		encodingAESKey: trimmed(credentials.encodingAESKey),
		previousEncodingAESKey: trimmed(credentials.previousEncodingAESKey) || undefined,
		apiBaseUrl: trimmed(credentials.apiBaseUrl) || 'https://api.weixin.qq.com',
		store:
			kind === 'redis'
				? { kind, redisUrl: trimmed(credentials.redisUrl) }
				: { kind, baseDir: defaultBaseDir() },
	};
}

/**
 * By credential id: the configuration last read, so that an edited credential retires the platform
 * (and the Redis connection) of its previous configuration.
 */
const lastConfigs = new Map<string, PlatformConfig>();

function platformOfCredential(id: string | undefined, config: PlatformConfig): WeChatPlatform {
	if (id === undefined) return getPlatform(config);
	const replaces = lastConfigs.get(id);
	lastConfigs.set(id, config);
	return getPlatform(config, { replaces });
}

/** The process-wide platform for the node's credential: one per component, shared by executions. */
export async function platformFor(
	context: CredentialReader & { getNode?(): INode },
): Promise<WeChatPlatform> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const id =
		typeof context.getNode === 'function' ? credentialIdOf(context as CachingReader) : undefined;
	return platformOfCredential(id, platformConfigFromCredentials(credentials));
}

/**
 * How long the trigger reuses a credential it has read. Outside an execution, n8n's getCredentials()
 * reads the credential from the database, decrypts it and resolves its fields in a fresh expression
 * engine instance: with the default (isolated-vm) engine that is a new V8 isolate per call, most of
 * the cost of a request the trigger answers itself. A change of the credential takes effect within
 * this time, at once when the workflow is (re)activated, and for a push that only verifies with the
 * changed Token/EncodingAESKey (the trigger re-reads when a well-formed, fresh push fails its
 * signature, at most once per this time: see webhook/recheck.ts).
 */
export const CREDENTIAL_REUSE_MS = 5_000;

type CachingReader = CredentialReader & { getNode(): INode };

interface CredentialRead {
	config: PlatformConfig;
	readAt: number;
}

/** By credential id: the configuration of the credential's last read (in memory only, like the platform's). */
const recentReads = new Map<string, CredentialRead>();

function credentialIdOf(context: CachingReader): string | undefined {
	const id = context.getNode().credentials?.[CREDENTIAL_TYPE]?.id;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

export interface ReusedPlatform {
	platform: WeChatPlatform;
	/** true when no credential was read for this call (then a failed check deserves a fresh read). */
	reused: boolean;
}

export interface ReuseOptions {
	maxAgeMs?: number;
	now?: () => number;
}

/** Reads the credential now and remembers it for platformReusedFor(). */
export async function freshPlatformFor(
	context: CachingReader,
	o: ReuseOptions = {},
): Promise<WeChatPlatform> {
	return platformFromReadCredentials(context, await context.getCredentials(CREDENTIAL_TYPE), o);
}

/**
 * freshPlatformFor() for a caller that has just read the node's credential itself: remembers that
 * read for platformReusedFor() instead of reading again.
 */
export function platformFromReadCredentials(
	context: CachingReader,
	credentials: ICredentialDataDecryptedObject,
	o: ReuseOptions = {},
): WeChatPlatform {
	const config = platformConfigFromCredentials(credentials);
	const id = credentialIdOf(context);
	if (id !== undefined) recentReads.set(id, { config, readAt: (o.now ?? Date.now)() });
	return platformOfCredential(id, config);
}

/**
 * The platform of the node's credential, read at most CREDENTIAL_REUSE_MS ago. Without a
 * credential id (never the case in n8n) it always reads.
 */
export async function platformReusedFor(
	context: CachingReader,
	o: ReuseOptions = {},
): Promise<ReusedPlatform> {
	const id = credentialIdOf(context);
	const recent = id === undefined ? undefined : recentReads.get(id);
	const age = recent ? (o.now ?? Date.now)() - recent.readAt : Infinity;
	// A clock that went back counts as expired, not as forever fresh. getPlatform() (a hash of the
	// configuration, microseconds) rather than a kept platform: closeAllPlatforms() stays authoritative.
	if (recent && age >= 0 && age < (o.maxAgeMs ?? CREDENTIAL_REUSE_MS)) {
		return { platform: getPlatform(recent.config), reused: true };
	}
	return { platform: await freshPlatformFor(context, o), reused: false };
}

/** Forgets every remembered credential read. */
export function forgetCredentialReads(): void {
	recentReads.clear();
}
