import { randomBytes } from 'node:crypto';
import { isAppId } from '../core/appId';
import type { SimClock } from './clock';
import { FastRegistrations } from './fastRegistrationState';
import {
	AUTH_CODE_TTL_MS,
	MESSAGES_PER_INTERACTION,
	OAUTH_CODE_TTL_MS,
	PRE_AUTH_CODE_TTL_S,
	SERVICE_WINDOW_MS,
	TICKET_TTL_MS,
	type Authorizer,
	type AuthorizerInput,
	type ComponentConfig,
	type IssuedToken,
	type SentMessage,
	type SimUser,
	type StoredMedia,
	type UserInfoInput,
} from './model';

export function randomToken(prefix = '', bytes = 48): string {
	return prefix + randomBytes(bytes).toString('base64url');
}

const DEFAULT_FUNC_INFO = [1, 2, 3, 4, 6, 7, 11, 15, 22, 23, 24, 26];

/** Everything the simulated WeChat knows. Times are simulated ms from `clock`. */
export class SimState {
	readonly tickets = new Map<string, number>();
	readonly tokens = new Map<string, IssuedToken>();
	readonly authorizers = new Map<string, Authorizer>();
	readonly authCodes = new Map<string, { appId: string; expiresAt: number; used: boolean }>();
	readonly preAuthCodes = new Map<string, number>();
	readonly oauthCodes = new Map<
		string,
		{ appId: string; openid: string; scope: string; expiresAt: number; used: boolean }
	>();
	readonly oauthTokens = new Map<
		string,
		{ appId: string; openid: string; scope: string; expiresAt: number }
	>();
	readonly oauthRefreshTokens = new Map<
		string,
		{ appId: string; openid: string; scope: string; expiresAt: number }
	>();
	readonly media = new Map<string, StoredMedia>();
	readonly clearQuotaCount = new Map<string, number>();
	readonly failures = new Map<string, number[]>();
	readonly sentMessages: SentMessage[] = [];
	readonly fastRegistrations = new FastRegistrations();
	whitelisted = true;
	// Seeded from the start time (a 64-bit number, as WeChat's MsgIds are): a restarted simulator must
	// not reuse an earlier process's MsgIds, or the trigger rightly answers them as WeChat's retries.
	private msgIdSeq = BigInt(Date.now()) * 1_000_000n;
	private templateMsgSeq = 3_000_000_000;

	constructor(
		readonly component: ComponentConfig,
		readonly clock: SimClock,
		readonly tokenTtlSeconds: number,
	) {}

	issueTicket(): string {
		const ticket = randomToken('ticket@@@', 60);
		this.tickets.set(ticket, this.clock.now());
		return ticket;
	}

	ticketState(ticket: unknown): 'valid' | 'expired' | 'unknown' {
		if (typeof ticket !== 'string') return 'unknown';
		const issuedAt = this.tickets.get(ticket);
		if (issuedAt === undefined) return 'unknown';
		return this.clock.now() - issuedAt < TICKET_TTL_MS ? 'valid' : 'expired';
	}

	issueToken(kind: IssuedToken['kind'], appId: string): string {
		const token = randomToken('', 96);
		this.tokens.set(token, {
			kind,
			appId,
			expiresAt: this.clock.now() + this.tokenTtlSeconds * 1000,
			superseded: false,
		});
		return token;
	}

	/** 0 when usable, else the errcode WeChat gives for it. */
	checkToken(
		token: string | undefined,
		kind: IssuedToken['kind'],
	): { errcode: number; issued?: IssuedToken } {
		if (!token) return { errcode: 41001 };
		const issued = this.tokens.get(token);
		if (!issued || issued.superseded) return { errcode: 40001 };
		if (this.clock.now() >= issued.expiresAt) return { errcode: 42001 };
		if (issued.kind !== kind) return { errcode: kind === 'component' ? 61014 : 40001 };
		if (kind === 'authorizer' && !this.authorizers.get(issued.appId)?.authorized)
			return { errcode: 40001 };
		return { errcode: 0, issued };
	}

	invalidateToken(token: string): void {
		const issued = this.tokens.get(token);
		if (issued) issued.superseded = true;
	}

	addAuthorizer(a: AuthorizerInput): Authorizer {
		if (!isAppId(a.appId)) throw new Error(`addAuthorizer: "${a.appId}" is not an AppID (wx…)`);
		const existing = this.authorizers.get(a.appId);
		const acc: Authorizer = {
			appId: a.appId,
			userName: a.userName,
			nickName: a.nickName,
			serviceTypeId: a.serviceTypeId ?? 2,
			verifyTypeId: a.verifyTypeId ?? 0,
			principalName: a.principalName ?? `${a.nickName} Ltd.`,
			funcInfo: a.funcInfo ?? DEFAULT_FUNC_INFO,
			miniProgram: a.miniProgram ?? false,
			authorized: existing?.authorized ?? false,
			authTime: existing?.authTime,
			refreshToken: existing?.refreshToken,
			rotateOnNextRefresh: existing?.rotateOnNextRefresh ?? false,
			options: existing?.options ?? {
				location_report: '0',
				voice_recognize: '0',
				customer_service: '0',
			},
			users: existing?.users ?? new Map(),
			menu: existing?.menu,
		};
		this.authorizers.set(a.appId, acc);
		return acc;
	}

	requireAuthorizer(appId: string): Authorizer {
		const acc = this.authorizers.get(appId);
		if (!acc) throw new Error(`unknown authorizer ${appId}: call addAuthorizer first`);
		return acc;
	}

	/** The merchant scans the QR code: the account authorizes the platform (again) and a code is issued. */
	createAuthorizationCode(appId: string): string {
		const acc = this.requireAuthorizer(appId);
		if (!acc.authorized) {
			acc.authorized = true;
			acc.authTime = this.clock.seconds();
			// A new authorization gets a new refresh token (WeChat: it changes on re-authorization).
			acc.refreshToken = randomToken('refreshtoken@@@', 40);
		}
		const code = randomToken('queryauthcode@@@', 40);
		this.authCodes.set(code, {
			appId,
			expiresAt: this.clock.now() + AUTH_CODE_TTL_MS,
			used: false,
		});
		return code;
	}

	/** The merchant revokes the authorization: refresh and access tokens die. */
	unauthorize(appId: string): void {
		const acc = this.requireAuthorizer(appId);
		acc.authorized = false;
		acc.authTime = undefined;
		acc.refreshToken = undefined;
		for (const t of this.tokens.values())
			if (t.kind === 'authorizer' && t.appId === appId) t.superseded = true;
	}

	createPreAuthCode(): string {
		const code = randomToken('preauthcode@@@', 40);
		this.preAuthCodes.set(code, this.clock.now() + PRE_AUTH_CODE_TTL_S * 1000);
		return code;
	}

	addUser(appId: string, openid: string, info: UserInfoInput = {}): SimUser {
		const acc = this.requireAuthorizer(appId);
		let user = acc.users.get(openid);
		if (!user) {
			user = {
				openid,
				nickname: info.nickname ?? '',
				remark: info.remark ?? '',
				subscribed: info.subscribed ?? true,
				subscribeTime: this.clock.seconds(),
				language: info.language ?? 'zh_CN',
				unionid: info.unionid,
				sentSinceInteraction: 0,
			};
			acc.users.set(openid, user);
		} else {
			if (info.nickname !== undefined) user.nickname = info.nickname;
			if (info.remark !== undefined) user.remark = info.remark;
			if (info.subscribed !== undefined) user.subscribed = info.subscribed;
			if (info.language !== undefined) user.language = info.language;
			if (info.unionid !== undefined) user.unionid = info.unionid;
		}
		if (info.interacted) this.recordInteraction(appId, openid);
		return user;
	}

	/** A user messaged the account or triggered an event: opens the 48-hour window again. */
	recordInteraction(appId: string, openid: string, event?: string): void {
		const user = this.addUser(appId, openid);
		if (event === 'unsubscribe') {
			user.subscribed = false;
			return;
		}
		if (event === 'subscribe') user.subscribed = true;
		user.lastInteractionAt = this.clock.now();
		user.sentSinceInteraction = 0;
	}

	/** errcode for sending a customer-service message to this user now (0 = allowed). */
	customServiceCheck(acc: Authorizer, openid: unknown): number {
		if (typeof openid !== 'string' || openid === '') return 40003;
		const user = acc.users.get(openid);
		if (!user) return 40003;
		if (!user.subscribed || user.lastInteractionAt === undefined) return 45015;
		if (this.clock.now() - user.lastInteractionAt > SERVICE_WINDOW_MS) return 45015;
		if (user.sentSinceInteraction >= MESSAGES_PER_INTERACTION) return 45047;
		return 0;
	}

	nextMsgId(): string {
		this.msgIdSeq += 1n;
		return this.msgIdSeq.toString();
	}

	nextTemplateMsgId(): number {
		this.templateMsgSeq += 1;
		return this.templateMsgSeq;
	}

	failNext(path: string, errcode: number, times = 1): void {
		const queue = this.failures.get(path) ?? [];
		for (let i = 0; i < times; i++) queue.push(errcode);
		this.failures.set(path, queue);
	}

	takeFailure(path: string): number | undefined {
		const queue = this.failures.get(path);
		if (!queue || queue.length === 0) return undefined;
		const code = queue.shift();
		if (queue.length === 0) this.failures.delete(path);
		return code;
	}

	createOAuthCode(appId: string, openid: string, scope = 'snsapi_base'): string {
		this.requireAuthorizer(appId);
		const code = randomToken('', 24);
		this.oauthCodes.set(code, {
			appId,
			openid,
			scope,
			expiresAt: this.clock.now() + OAUTH_CODE_TTL_MS,
			used: false,
		});
		return code;
	}
}
