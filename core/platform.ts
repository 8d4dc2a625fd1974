import type { WeChatTransport } from './api/transport';
import { answerOf, type ApiRequest, type BinaryResponse, type WeChatAnswer } from './api/types';
import type { AuthorizationDetails, AuthorizationInfo, AuthorizerInfo } from './authorization';
import {
	createPreAuthCode,
	getAuthorizerInfo,
	getAuthorizerList,
	getAuthorizerOption,
	queryAuthDetailed,
	setAuthorizerOption,
	type AuthorizerListPage,
	type AuthorizerOption,
	type AuthorizersContext,
	type QueryAuthOptions,
} from './authorizers';
import { buildAuthorizationUrl, type AuthorizationUrlOptions } from './authorizationUrl';
import { WeChatCrypto } from './crypto';
import { buildJsSdkConfig, jsSdkPageUrl, type JsSdkConfig } from './jsSdk';
import { HealthRecorder, readStatus, type AccountStatus, type PlatformStatus } from './health';
import { nodeStateOf, type NodeState } from './nodeState';
import {
	buildOAuthUrl,
	oauthCodeRequest,
	oauthRefreshRequest,
	oauthUserInfoRequest,
	type OAuthToken,
	type OAuthUrlOptions,
} from './oauth';
import { platformParts, type PlatformConfig } from './platformConfig';
import type { Store } from './store/types';
import { KEYS, type KnownAuthorizer } from './tokens/records';
import type { TokenManager } from './tokens/TokenManager';

export type AuthorizerRequest = ApiRequest;
export type ComponentRequest = ApiRequest & {
	tokenParam?: 'component_access_token' | 'access_token';
};

/**
 * Everything a workflow needs from one third-party platform: the message crypto, the store, the
 * tokens, the component endpoints and on-behalf calls with the retry policy. One per component
 * and configuration per process (see getPlatform), so single-flight holds across executions.
 */
export class WeChatPlatform {
	readonly componentAppId: string;
	/** What Platform → Get Status reports, recorded as the platform works (core/health). */
	readonly health: HealthRecorder;
	/**
	 * Small values the nodes keep next to the tokens (exchanged authorization codes, the order of
	 * authorization events), under keys that start with `trigger:`. The tokens themselves are only
	 * reachable through the methods below.
	 */
	readonly nodeState: NodeState;
	private readonly store: Store;
	private readonly tokens: TokenManager;
	private readonly transport: WeChatTransport;
	private readonly authorizers: AuthorizersContext;
	private readonly config: PlatformConfig;
	private cryptoInstance?: WeChatCrypto;

	constructor(config: PlatformConfig) {
		({ store: this.store, transport: this.transport, tokens: this.tokens } = platformParts(config));
		this.config = config;
		this.componentAppId = config.componentAppId;
		this.nodeState = nodeStateOf(this.store);
		this.health = new HealthRecorder(this.store, { logger: config.logger });
		this.authorizers = {
			componentAppId: config.componentAppId,
			componentRequest: <T>(req: ApiRequest) => this.componentRequest<T>(req),
			tokens: this.tokens,
			logger: config.logger,
		};
	}

	/** Built on first use, so that API-only use does not depend on the message keys. */
	get crypto(): WeChatCrypto {
		this.cryptoInstance ??= new WeChatCrypto({
			token: this.config.token,
			encodingAESKey: this.config.encodingAESKey,
			appId: this.componentAppId,
			previousEncodingAESKey: this.config.previousEncodingAESKey || undefined,
		});
		return this.cryptoInstance;
	}

	// ---- ticket ----

	saveTicket(ticket: string, createTime?: number | string): Promise<boolean> {
		return this.tokens.saveTicket(ticket, createTime);
	}

	hasTicket(): Promise<boolean> {
		return this.tokens.hasTicket();
	}

	/** Asks WeChat to push a ticket now (proves AppID, AppSecret and the IP whitelist too). */
	async startPushTicket(): Promise<WeChatAnswer> {
		const response = await this.transport.request<{ errcode?: number; errmsg?: string }>({
			method: 'POST',
			path: '/cgi-bin/component/api_start_push_ticket',
			body: {
				component_appid: this.componentAppId,
				component_secret: this.config.componentAppSecret,
			},
		});
		return answerOf(response);
	}

	// ---- tokens ----

	getComponentAccessToken(): Promise<string> {
		return this.tokens.getComponentAccessToken().catch(this.noted(undefined));
	}

	getAuthorizerAccessToken(authorizerAppId: string): Promise<string> {
		return this.tokens.getAuthorizerAccessToken(authorizerAppId).catch(this.noted(authorizerAppId));
	}

	// ---- authorized accounts (core/authorizers.ts) ----

	createPreAuthCode(): Promise<{ preAuthCode: string; expiresIn: number }> {
		return createPreAuthCode(this.authorizers);
	}

	buildAuthorizationUrl(o: AuthorizationUrlOptions): string {
		return buildAuthorizationUrl(this.componentAppId, this.config.apiBaseUrl, o);
	}

	/** queryAuthDetailed() without the account's names. */
	async queryAuth(authorizationCode: string): Promise<AuthorizationInfo> {
		return (await this.queryAuthDetailed(authorizationCode)).authorization;
	}

	queryAuthDetailed(code: string, o: QueryAuthOptions = {}): Promise<AuthorizationDetails> {
		return queryAuthDetailed(this.authorizers, code, o);
	}

	async forgetAuthorizer(appId: string): Promise<void> {
		await this.tokens.forgetAuthorizer(appId);
		await this.health.disconnected(appId);
	}

	getAuthorizerInfo(appId: string): Promise<AuthorizerInfo> {
		return getAuthorizerInfo(this.authorizers, appId);
	}

	getAuthorizerList(offset = 0, count = 500): Promise<AuthorizerListPage> {
		return getAuthorizerList(this.authorizers, offset, count);
	}

	/** Accounts this platform knows from the store (authorized here, or seen in the list). */
	listAuthorizers(): Promise<KnownAuthorizer[]> {
		return this.tokens.listAuthorizers();
	}

	getAuthorizerOption(appId: string, name: string): Promise<AuthorizerOption> {
		return getAuthorizerOption(this.authorizers, appId, name);
	}

	setAuthorizerOption(appId: string, name: string, value: string | number): Promise<WeChatAnswer> {
		return setAuthorizerOption(this.authorizers, appId, name, value);
	}

	/**
	 * Resets the API quota of the platform (no appId) or of an authorized account, with the v2
	 * endpoint: it needs no token, so it works when the token quota itself is used up.
	 */
	async clearQuota(appId?: string): Promise<WeChatAnswer> {
		const response = await this.transport.request<{ errcode?: number; errmsg?: string }>({
			method: 'POST',
			path: '/cgi-bin/component/clear_quota/v2',
			body: {
				component_appid: this.componentAppId,
				appsecret: this.config.componentAppSecret,
				...(appId ? { appid: appId } : {}),
			},
		});
		return answerOf(response);
	}

	// ---- requests with tokens ----

	componentRequest(
		req: ComponentRequest & { responseType: 'arraybuffer' },
	): Promise<BinaryResponse>;
	componentRequest<T = Record<string, unknown>>(req: ComponentRequest): Promise<T>;
	componentRequest<T>(req: ComponentRequest): Promise<T> {
		return this.tokens.componentRequest<T>(req).catch(this.noted(undefined));
	}

	/** With `responseType: 'arraybuffer'` the result is `{ data: Buffer, contentType?, fileName? }`. */
	authorizerRequest(
		authorizerAppId: string,
		req: AuthorizerRequest & { responseType: 'arraybuffer' },
	): Promise<BinaryResponse>;
	authorizerRequest<T = Record<string, unknown>>(
		authorizerAppId: string,
		req: AuthorizerRequest,
	): Promise<T>;
	authorizerRequest<T>(authorizerAppId: string, req: AuthorizerRequest): Promise<T> {
		return this.tokens
			.authorizerRequest<T>(authorizerAppId, req)
			.catch(this.noted(authorizerAppId));
	}

	authorizerDownload(
		authorizerAppId: string,
		req: Omit<AuthorizerRequest, 'responseType'>,
	): Promise<BinaryResponse> {
		return this.tokens
			.authorizerRequest<BinaryResponse>(authorizerAppId, { ...req, responseType: 'arraybuffer' })
			.catch(this.noted(authorizerAppId));
	}

	// ---- web OAuth on behalf of an Official Account ----

	buildOAuthUrl(o: OAuthUrlOptions): string {
		return buildOAuthUrl(this.componentAppId, o);
	}

	exchangeOAuthCode(appId: string, code: string): Promise<OAuthToken & { unionid?: string }> {
		return this.componentRequest(oauthCodeRequest(this.componentAppId, appId, code));
	}

	refreshOAuthToken(appId: string, refreshToken: string): Promise<OAuthToken> {
		return this.componentRequest(oauthRefreshRequest(this.componentAppId, appId, refreshToken));
	}

	/** The user's token is the caller's: no refresh or retry on token errors here. */
	getOAuthUserInfo(
		accessToken: string,
		openid: string,
		lang = 'zh_CN',
	): Promise<Record<string, unknown>> {
		return this.transport.request(oauthUserInfoRequest(accessToken, openid, lang));
	}

	// ---- JS-SDK on behalf of an Official Account ----

	/** wx.config's appId, timestamp, nonceStr and signature for a page, with the cached jsapi_ticket. */
	async getJsSdkConfig(
		appId: string,
		url: string,
		o: { forceRefresh?: boolean; nonceStr?: string; timestamp?: number } = {},
	): Promise<JsSdkConfig> {
		const page = jsSdkPageUrl(url); // before the ticket: a bad URL spends no quota
		const ticket = await this.tokens
			.getJsapiTicket(appId, { forceRefresh: o.forceRefresh })
			.catch(this.noted(appId));
		return buildJsSdkConfig({
			appId,
			ticket,
			url: page,
			nonceStr: o.nonceStr,
			timestamp: o.timestamp,
		});
	}

	// ---- dedupe ----

	/**
	 * True the first time `key` is seen within `ttlMs` (across every process sharing the store).
	 * Not flushed to disk: WeChat retries an unanswered push within seconds (three tries, 5 s apart:
	 * https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html),
	 * and a host that lost power is down for longer than that, so a mark lost with it changes nothing.
	 */
	markSeen(key: string, ttlMs: number): Promise<boolean> {
		return this.store.setIfAbsent(KEYS.seen(key), '1', ttlMs, { durable: false });
	}

	// ---- health ----

	/**
	 * The platform's status from its store (no WeChat call): ticket, component token, pushes and
	 * rejected requests of every process sharing the store, WeChat errors, and with
	 * `includeAccounts` one entry per account. This process's counts are written first.
	 */
	async getStatus(
		o: { includeAccounts?: boolean; ticketMaxAgeMinutes?: number; now?: number } = {},
	): Promise<{ platform: PlatformStatus; accounts: AccountStatus[] }> {
		await this.health.flush();
		return readStatus(this.store, {
			componentAppId: this.componentAppId,
			storeKind: this.config.store.kind,
			...o,
		});
	}

	/** Records a failed call for Get Status (never throws itself), then lets the error go on. */
	private noted(appId: string | undefined): (error: unknown) => never {
		return (error: unknown) => {
			void this.health.apiError(appId, error);
			throw error;
		};
	}

	async close(): Promise<void> {
		await this.health.close();
		await this.store.close();
	}
}
