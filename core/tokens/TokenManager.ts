import { invalidAppIdError } from '../api/errors';
import type { WeChatTransport } from '../api/transport';
import type { ApiRequest, BinaryResponse, Logger } from '../api/types';
import { isAppId } from '../appId';
import { DEFAULT_LOCK_TTL_MS, DEFAULT_LOCK_WAIT_MS } from '../store/lock';
import type { Store } from '../store/types';
import { AuthorizerTokens } from './authorizerTokens';
import { ComponentToken } from './componentToken';
import { JsapiTickets } from './jsapiTicket';
import type { AuthorizerRecord, KnownAuthorizer } from './records';
import { RefreshGate } from './refreshGate';
import { AuthorizerRegistry, type AuthorizerListEntry } from './registry';
import { requestWithToken } from './requests';
import { Tickets } from './ticket';

export { TICKET_TTL_MS } from './ticket';

export interface TokenManagerOptions {
	componentAppId: string;
	componentAppSecret: string;
	store: Store;
	transport: WeChatTransport;
	/** Refresh a token when less than this is left (default 10 min). */
	refreshMarginMs?: number;
	/** How long a refresh lock outlives a holder that died (default 30 s; renewed while held). */
	lockTtlMs?: number;
	/** How long to wait for another process's refresh (default 35 s). */
	lockWaitMs?: number;
	logger?: Logger;
}

export type TokenKind = 'component' | 'authorizer';

/**
 * Ticket → component token → authorizer tokens, wired together: each job lives in its own module
 * (ticket.ts, componentToken.ts, authorizerTokens.ts, registry.ts, refreshGate.ts, requests.ts);
 * this class only connects them and checks AppIDs at the edge.
 */
export class TokenManager {
	readonly componentAppId: string;
	private readonly transport: WeChatTransport;
	private readonly logger?: Logger;
	private readonly tickets: Tickets;
	private readonly component: ComponentToken;
	private readonly authorizers: AuthorizerTokens;
	private readonly registry: AuthorizerRegistry;
	private readonly jsapiTickets: JsapiTickets;

	constructor(o: TokenManagerOptions) {
		this.componentAppId = o.componentAppId;
		this.transport = o.transport;
		this.logger = o.logger;
		const marginMs = o.refreshMarginMs ?? 10 * 60_000;
		const gate = new RefreshGate(o.store, {
			ttlMs: o.lockTtlMs ?? DEFAULT_LOCK_TTL_MS,
			waitMs: o.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS,
		});
		const componentRequest = <T>(req: ApiRequest) => this.componentRequest<T>(req);
		this.tickets = new Tickets(o.store);
		this.component = new ComponentToken({
			componentAppId: o.componentAppId,
			componentAppSecret: o.componentAppSecret,
			store: o.store,
			transport: o.transport,
			gate,
			tickets: this.tickets,
			marginMs,
			logger: o.logger,
		});
		this.registry = new AuthorizerRegistry({
			componentAppId: o.componentAppId,
			store: o.store,
			componentRequest,
			onRefreshToken: (appId, token) => this.authorizers.rememberRefreshToken(appId, token),
		});
		this.authorizers = new AuthorizerTokens({
			componentAppId: o.componentAppId,
			store: o.store,
			gate,
			registry: () => this.registry,
			componentRequest,
			marginMs,
			logger: o.logger,
		});
		this.jsapiTickets = new JsapiTickets({
			store: o.store,
			gate,
			authorizerRequest: <T>(appId: string, req: ApiRequest) =>
				this.authorizerRequest<T>(appId, req),
			marginMs,
			logger: o.logger,
		});
	}

	// ---- ticket ----

	saveTicket(ticket: string, createTime?: number | string): Promise<boolean> {
		return this.tickets.save(ticket, createTime);
	}

	getTicket(): Promise<string> {
		return this.tickets.get();
	}

	hasTicket(): Promise<boolean> {
		return this.tickets.has();
	}

	// ---- tokens ----

	getComponentAccessToken(): Promise<string> {
		return this.component.get();
	}

	async getAuthorizerAccessToken(appId: string): Promise<string> {
		assertAppId(appId);
		return this.authorizers.get(appId);
	}

	readAuthorizer(appId: string): Promise<AuthorizerRecord | undefined> {
		return this.authorizers.read(appId);
	}

	async saveAuthorization(
		appId: string,
		o: { accessToken?: string; expiresIn?: number; refreshToken?: string },
	): Promise<void> {
		assertAppId(appId);
		await this.authorizers.saveAuthorization(appId, o);
	}

	rememberRefreshToken(appId: string, refreshToken: string | undefined): Promise<void> {
		return this.authorizers.rememberRefreshToken(appId, refreshToken);
	}

	/**
	 * Drops a token WeChat rejected, but only if it is still the stored one: if another caller or
	 * process has already replaced it, the newer token stays (no refresh storm).
	 */
	async invalidate(
		kind: TokenKind,
		appId: string | undefined,
		tokenUsed: string,
	): Promise<boolean> {
		if (kind === 'component') return this.component.invalidate(tokenUsed);
		if (!appId) throw invalidAppIdError('The authorizer AppID', appId);
		return this.authorizers.invalidate(appId, tokenUsed);
	}

	async forgetAuthorizer(appId: string): Promise<void> {
		assertAppId(appId);
		await this.authorizers.forget(appId);
		await this.jsapiTickets.forget(appId);
	}

	/** The account's JS-SDK ticket (cached per account like its access token). */
	async getJsapiTicket(appId: string, o: { forceRefresh?: boolean } = {}): Promise<string> {
		assertAppId(appId);
		return this.jsapiTickets.get(appId, o);
	}

	// ---- known authorizers ----

	async rememberAuthorizer(
		appId: string,
		patch: Omit<KnownAuthorizer, 'appId'>,
		options: { onlyIfMissing?: boolean } = {},
	): Promise<void> {
		assertAppId(appId);
		await this.registry.remember(appId, patch, options);
	}

	listAuthorizers(): Promise<KnownAuthorizer[]> {
		return this.registry.list();
	}

	fetchAuthorizerList(
		offset: number,
		count: number,
	): Promise<{ total_count: number; list: AuthorizerListEntry[] }> {
		return this.registry.fetchPage(offset, count);
	}

	// ---- authenticated requests ----

	/**
	 * Calls a component endpoint with the component token (query `component_access_token`, or
	 * `access_token` for the endpoints documented that way).
	 */
	componentRequest<T = Record<string, unknown>>(
		req: ApiRequest & { tokenParam?: 'component_access_token' | 'access_token' },
	): Promise<T> {
		return requestWithToken<T>(
			this.transport,
			this.logger,
			req,
			req.tokenParam ?? 'component_access_token',
			() => this.getComponentAccessToken(),
			(used) => this.component.invalidate(used),
		);
	}

	authorizerRequest<T = Record<string, unknown>>(appId: string, req: ApiRequest): Promise<T> {
		assertAppId(appId);
		return requestWithToken<T>(
			this.transport,
			this.logger,
			req,
			'access_token',
			() => this.getAuthorizerAccessToken(appId),
			(used) => this.authorizers.invalidate(appId, used),
		);
	}
}

export type { BinaryResponse };

function assertAppId(appId: string): void {
	if (!isAppId(appId)) throw invalidAppIdError('The authorizer AppID', appId);
}
