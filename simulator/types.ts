/**
 * The simulator's public types: what `startSimulator` takes and returns. Kept apart from the code so
 * that the parts which drive a simulator (control API, release test) import types, not index.ts.
 */
import type { EventEmitter } from 'node:events';
import type { CompleteOptions } from './fastRegistration';
import type { FastRegistrationTask } from './fastRegistrationState';
import type { SimRequest } from './http';
import type { AuthorizerInput, ComponentConfig, SentMessage, UserInfoInput } from './model';
import type { PushRequest, PushResult } from './push';
import type { SimState } from './state';
import type { AuditDecision, AuditDecisionResult, AuditOutcome } from './wxaAudit';
import type { AuditSettings, Draft, DraftInput, MiniProgramCode } from './wxaModel';

export interface SimulatorOptions {
	/** 0 / undefined = a free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	component: ComponentConfig;
	/** Component and authorizer access tokens, default 7200. */
	tokenTtlSeconds?: number;
	/** How long a push waits for the answer before giving up, like WeChat's 5 s. Default 5000. */
	pushTimeoutMs?: number;
	/** Page size of /cgi-bin/user/get (WeChat: 10000). */
	userPageSize?: number;
	/** Where api_start_push_ticket makes the simulator push a ticket (the authorization-event URL). */
	ticketPushUrl?: string;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	at: number;
}

export type PushKind = 'ticket' | 'authorization' | 'message' | 'raw';

export interface PushEvent {
	kind: PushKind;
	url: string;
	result?: PushResult;
	error?: string;
}

export interface ReleaseStep {
	name: string;
	ok: boolean;
	detail: string;
}

export interface ReleaseReport {
	passed: boolean;
	steps: ReleaseStep[];
}

export interface Simulator {
	url: string;
	close(): Promise<void>;
	clock: { now(): number; advance(ms: number): void };
	issueTicket(): string;
	addAuthorizer(a: AuthorizerInput): void;
	createAuthorizationCode(authorizerAppId: string): string;
	/** The merchant revokes the authorization (pushAuthorizationEvent 'unauthorized' does this too). */
	unauthorize(authorizerAppId: string): void;
	rotateRefreshTokenOnNextRefresh(authorizerAppId: string): void;
	failNext(path: string, errcode: number, times?: number): void;
	setIpWhitelisted(ok: boolean): void;
	invalidateToken(token: string): void;
	addUser(authorizerAppId: string, openid: string, info?: UserInfoInput): void;
	createOAuthCode(
		authorizerAppId: string,
		openid: string,
		scope?: 'snsapi_base' | 'snsapi_userinfo',
	): string;
	/** The authorization-event URL that api_start_push_ticket pushes a ticket to (undefined = none). */
	setTicketPushUrl(url: string | undefined): void;
	/** Answer `path` with `respond` (for APIs the simulator does not emulate); tokens are checked first. */
	addRoute(
		path: string,
		respond: (req: SimRequest) => unknown,
		o?: { token?: 'authorizer' | 'component' | 'none' },
	): void;
	/** The last 10 000 API requests (oldest dropped first). */
	requests: RecordedRequest[];
	count(path: string): number;
	/** Per-path request counts. */
	counts(): Record<string, number>;
	/** Forgets recorded requests, counts, sent messages and the push log (state such as tokens stays). */
	clearRecords(): void;
	/** The last 100 pushes and their results. */
	pushes: PushEvent[];
	sentMessages: SentMessage[];
	/**
	 * Emits 'request' (RecordedRequest) for every API call, 'sent' (SentMessage) for every accepted
	 * customer-service/template/typing call and 'push' (PushEvent) after every push.
	 */
	events: EventEmitter;
	pushTicket(url: string): Promise<PushResult>;
	pushAuthorizationEvent(
		url: string,
		e: {
			infoType: 'authorized' | 'updateauthorized' | 'unauthorized';
			authorizerAppId: string;
			authorizationCode?: string;
		},
	): Promise<PushResult>;
	pushMessage(
		url: string,
		authorizerAppId: string,
		fields: Record<string, string>,
	): Promise<PushResult>;
	sendRaw(
		url: string,
		o: {
			body: string;
			query: Record<string, string>;
			method?: string;
			headers?: Record<string, string>;
		},
	): Promise<PushResult>;
	/** The push pieces with this simulator's keys and clock, e.g. for pre-built benchmark requests. */
	buildMessagePush(authorizerAppId: string, fields: Record<string, string>): PushRequest;
	/** Plays WeChat's full-network release detection against the two platform URLs. */
	runReleaseTest(o: {
		authorizationUrl: string;
		messageUrl: string;
		apiReplyTimeoutMs?: number;
	}): Promise<ReleaseReport>;
	/** Fast registrations (enterprise, personal, trial) in creation order. */
	fastRegistrations(): FastRegistrationTask[];
	/**
	 * The legal person / user confirms a fast registration (or WeChat rejects it, `approve: false`):
	 * the new mini program is authorized to the platform and the result is pushed to `url` (default:
	 * the ticket push URL; none = no push).
	 */
	completeFastRegistration(
		id: string,
		o?: CompleteOptions & { url?: string },
	): Promise<{ task: FastRegistrationTask; push?: PushResult }>;
	/** Internal state, for the control API and debugging. */
	state: SimState;
	/** Mini-program code: the developer tool's drafts and WeChat's audit of submitted code. */
	wxa: {
		/** The developer tool uploads code: a new draft in the platform's draft box. */
		addDraft(d?: DraftInput): Draft;
		/** How audits end: `delayMs` undefined = only by decideAudit; where audit events are pushed. */
		configureAudits(s: Partial<AuditSettings> & { messageUrl?: string | null }): AuditSettings;
		/** Ends (or delays) the running audit of a mini program and pushes the audit event. */
		decideAudit(
			authorizerAppId: string,
			outcome: AuditOutcome,
			d?: AuditDecision,
		): Promise<AuditDecisionResult>;
		/** The mini program's code record (commit, audits, release, gray plan). */
		code(authorizerAppId: string): MiniProgramCode;
	};
}
