/**
 * What the simulated WeChat holds: its records (accounts, users, tokens, media, sent messages) and how
 * long things live there. Plain data; `SimState` in state.ts keeps and changes it.
 */

/** How long things live at WeChat (ms). */
export const TICKET_TTL_MS = 12 * 3600_000;
export const AUTH_CODE_TTL_MS = 10 * 60_000;
export const PRE_AUTH_CODE_TTL_S = 600;
export const OAUTH_CODE_TTL_MS = 5 * 60_000;
export const OAUTH_REFRESH_TTL_MS = 30 * 24 * 3600_000;
export const TEMP_MEDIA_TTL_MS = 3 * 24 * 3600_000;
export const SERVICE_WINDOW_MS = 48 * 3600_000;
/** Customer-service messages a user can receive without interacting again (community figure). */
export const MESSAGES_PER_INTERACTION = 20;
export const CLEAR_QUOTA_PER_MONTH = 10;

/** Default end user of pushMessage and the chat page: a 28-character openid like WeChat's. */
export const DEFAULT_OPENID = 'oSimUserTestOpenId0000000001';

export interface ComponentConfig {
	appId: string;
	appSecret: string;
	token: string;
	encodingAESKey: string;
}

export interface SimUser {
	openid: string;
	nickname: string;
	remark: string;
	subscribed: boolean;
	subscribeTime: number;
	language: string;
	unionid?: string;
	/** Simulated ms of the user's last message/event to the account; undefined = never. */
	lastInteractionAt?: number;
	sentSinceInteraction: number;
}

export interface UserInfoInput {
	nickname?: string;
	remark?: string;
	subscribed?: boolean;
	language?: string;
	unionid?: string;
	/** Treat the user as having just interacted (opens the 48-hour customer-service window). */
	interacted?: boolean;
}

export interface AuthorizerInput {
	appId: string;
	userName: string;
	nickName: string;
	serviceTypeId?: number;
	/** -1 not verified, 0 WeChat verified (default). */
	verifyTypeId?: number;
	principalName?: string;
	/** Permission-set ids granted on authorization; default a typical Official Account set. */
	funcInfo?: number[];
	miniProgram?: boolean;
}

export interface Authorizer {
	appId: string;
	userName: string;
	nickName: string;
	serviceTypeId: number;
	verifyTypeId: number;
	principalName: string;
	funcInfo: number[];
	miniProgram: boolean;
	authorized: boolean;
	authTime?: number;
	refreshToken?: string;
	rotateOnNextRefresh: boolean;
	options: Record<string, string>;
	users: Map<string, SimUser>;
	menu?: unknown;
}

export interface IssuedToken {
	kind: 'component' | 'authorizer';
	/** component appid or authorizer appid */
	appId: string;
	expiresAt: number;
	superseded: boolean;
}

export interface StoredMedia {
	appId: string;
	permanent: boolean;
	type: string;
	bytes: Buffer;
	contentType: string;
	filename: string;
	createdAt: number;
	description?: { title?: string; introduction?: string };
}

export interface SentMessage {
	authorizerAppId: string;
	kind: 'custom' | 'template' | 'typing';
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
	at: number;
}
