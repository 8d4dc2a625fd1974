import type { ApiRequest } from '../api/types';
import { isAppId } from '../appId';
import type { Store } from '../store/types';
import { KEYS, parseRecord, type KnownAuthorizer } from './records';

export interface AuthorizerListEntry {
	authorizer_appid: string;
	refresh_token?: string;
	auth_time?: number;
}

export interface RegistryOptions {
	componentAppId: string;
	store: Store;
	componentRequest: <T>(req: ApiRequest) => Promise<T>;
	/** Told every refresh token the authorizer list shows (it fills gaps in the token store). */
	onRefreshToken: (appId: string, refreshToken: string | undefined) => Promise<void>;
}

/** The accounts this platform knows (names, authorization time), and WeChat's authorizer list. */
export class AuthorizerRegistry {
	constructor(private readonly o: RegistryOptions) {}

	async remember(
		appId: string,
		patch: Omit<KnownAuthorizer, 'appId'>,
		options: { onlyIfMissing?: boolean } = {},
	): Promise<void> {
		const key = KEYS.known(appId);
		for (let attempt = 0; attempt < 5; attempt++) {
			const raw = await this.o.store.get(key);
			const current = parseRecord<KnownAuthorizer>(key, raw);
			if (current && options.onlyIfMissing) return;
			const next: KnownAuthorizer = { ...current, ...stripUndefined(patch), appId };
			if (await this.o.store.compareAndSet(key, raw, JSON.stringify(next))) return;
		}
	}

	async list(): Promise<KnownAuthorizer[]> {
		const out: KnownAuthorizer[] = [];
		for (const key of await this.o.store.keys(KEYS.knownPrefix)) {
			const entry = parseRecord<KnownAuthorizer>(key, await this.o.store.get(key));
			if (entry) out.push({ ...entry, appId: key.slice(KEYS.knownPrefix.length) });
		}
		return out;
	}

	forget(appId: string): Promise<void> {
		return this.o.store.delete(KEYS.known(appId));
	}

	/** One page of api_get_authorizer_list, with every refresh token and account remembered. */
	async fetchPage(
		offset: number,
		count: number,
	): Promise<{ total_count: number; list: AuthorizerListEntry[] }> {
		const response = await this.o.componentRequest<{
			total_count?: number;
			list?: AuthorizerListEntry[];
		}>({
			method: 'POST',
			path: '/cgi-bin/component/api_get_authorizer_list',
			body: { component_appid: this.o.componentAppId, offset, count },
		});
		const list = Array.isArray(response.list) ? response.list : [];
		for (const entry of list) {
			await this.o.onRefreshToken(entry.authorizer_appid, entry.refresh_token);
			if (isAppId(entry.authorizer_appid)) {
				await this.remember(
					entry.authorizer_appid,
					typeof entry.auth_time === 'number'
						? { authorizedAt: new Date(entry.auth_time * 1000).toISOString() }
						: {},
					{ onlyIfMissing: true },
				);
			}
		}
		return {
			total_count: typeof response.total_count === 'number' ? response.total_count : list.length,
			list,
		};
	}
}

function stripUndefined<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
