/**
 * A local WeChat: an API emulator (component + on-behalf endpoints, state in memory, times by a
 * simulated clock) and WeChat's push side (tickets, authorization events, user messages), over real
 * HTTP. Used by the integration/e2e tests and by `npm start`. See simulator/README.md.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { componentRoutes, componentToken } from './api/component';
import { mediaRoutes } from './api/media';
import { oauthRoutes } from './api/oauth';
import { onBehalfRoutes } from './api/onBehalf';
import type { Handler } from './api/types';
import { SimClock } from './clock';
import { runReleaseTest, type ReleaseReport } from './release';
import { handleControl } from './control';
import { LOGIN_PAGE_PATHS, loginPage } from './loginPage';
import { wxError } from './errors';
import {
	BodyTooLargeError,
	parseRequest,
	readBody,
	send,
	type SimRequest,
	type SimResponse,
} from './http';
import {
	authorizationEventXml,
	buildPush,
	buildXml,
	cryptoFor,
	decodeReply,
	deliver,
	sendRaw,
	ticketXml,
	type PushKeys,
	type PushResult,
} from './push';
import {
	AUTH_CODE_TTL_MS,
	DEFAULT_OPENID,
	SimState,
	type AuthorizerInput,
	type ComponentConfig,
	type SentMessage,
	type UserInfoInput,
} from './state';

export {
	buildPush,
	buildXml,
	cdata,
	decodeReply,
	plainSignature,
	ticketXml,
	authorizationEventXml,
	type BuildPushOptions,
	type PushKeys,
	type PushReply,
	type PushRequest,
	type PushResult,
} from './push';
export {
	DEFAULT_OPENID,
	type AuthorizerInput,
	type ComponentConfig,
	type SentMessage,
	type UserInfoInput,
} from './state';
export {
	RELEASE_TEST_ACCOUNT,
	RELEASE_TEST_OPENID,
	type ReleaseReport,
	type ReleaseStep,
} from './release';
export { randomAppId, randomComponentConfig, randomEncodingAESKey } from './keys';

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
	buildMessagePush(
		authorizerAppId: string,
		fields: Record<string, string>,
	): ReturnType<typeof buildPush>;
	/** Plays WeChat's full-network release detection against the two platform URLs. */
	runReleaseTest(o: {
		authorizationUrl: string;
		messageUrl: string;
		apiReplyTimeoutMs?: number;
	}): Promise<ReleaseReport>;
	/** Internal state, for the control API and debugging. */
	state: SimState;
}

/** Recorded requests kept (oldest dropped first); counts are kept for every request. */
const MAX_RECORDED = 10_000;

export async function startSimulator(o: SimulatorOptions): Promise<Simulator> {
	const clock = new SimClock();
	const state = new SimState(o.component, clock, o.tokenTtlSeconds ?? 7200);
	const keys: PushKeys = {
		appId: o.component.appId,
		token: o.component.token,
		encodingAESKey: o.component.encodingAESKey,
	};
	const events = new EventEmitter();
	const requests: RecordedRequest[] = [];
	const counts = new Map<string, number>();
	const pushes: PushEvent[] = [];
	let ticketPushUrl = o.ticketPushUrl;
	const pushTimeoutMs = o.pushTimeoutMs ?? 5000;
	const userPageSize = o.userPageSize ?? 10000;

	const routes: Record<string, Handler> = {
		...componentRoutes,
		...onBehalfRoutes(() => userPageSize),
		...mediaRoutes,
		...oauthRoutes,
	};

	const logPush = (e: PushEvent) => {
		pushes.push(e);
		if (pushes.length > 100) pushes.shift();
		events.emit('push', e);
	};
	const emitPush = (kind: PushKind, url: string, p: Promise<PushResult>): Promise<PushResult> =>
		p.then(
			(result) => {
				logPush({ kind, url, result });
				return result;
			},
			(err: unknown) => {
				logPush({ kind, url, error: String(err) });
				throw err;
			},
		);

	const pushTicket = (url: string): Promise<PushResult> => {
		const ticket = state.issueTicket();
		const push = buildPush(keys, ticketXml(keys.appId, ticket, clock.seconds()), {
			envelope: { appId: keys.appId },
			timestamp: String(clock.seconds()),
		});
		return emitPush('ticket', url, deliver(keys, url, push, pushTimeoutMs));
	};

	const ctx = {
		state,
		onStartPushTicket: () => {
			const url = ticketPushUrl;
			// WeChat answers first and pushes a moment later.
			if (url) setImmediate(() => void pushTicket(url).catch(() => undefined));
		},
	};

	async function handleApi(req: SimRequest): Promise<SimResponse> {
		const record: RecordedRequest = {
			method: req.method,
			path: req.path,
			query: req.query,
			body: req.body,
			at: clock.now(),
		};
		requests.push(record);
		if (requests.length > MAX_RECORDED) requests.splice(0, requests.length - MAX_RECORDED);
		counts.set(req.path, (counts.get(req.path) ?? 0) + 1);
		events.emit('request', record);
		const failure = state.takeFailure(req.path);
		if (failure !== undefined) return { json: wxError(failure) };
		if (!state.whitelisted) return { json: wxError(61004) };
		const handler = routes[req.path];
		if (!handler) return { json: wxError(40066, `the simulator does not emulate ${req.path}`) };
		if (req.badJson && req.method === 'POST' && !req.form && req.path !== '/cgi-bin/media/get') {
			return { json: wxError(47001) };
		}
		const before = state.sentMessages.length;
		const out = await handler(req, ctx);
		for (const m of state.sentMessages.slice(before)) events.emit('sent', m);
		return out;
	}

	const sim: Simulator = {
		url: '',
		close: () => Promise.resolve(),
		clock: { now: () => clock.now(), advance: (ms) => clock.advance(ms) },
		issueTicket: () => state.issueTicket(),
		addAuthorizer: (a) => void state.addAuthorizer(a),
		createAuthorizationCode: (appId) => state.createAuthorizationCode(appId),
		unauthorize: (appId) => state.unauthorize(appId),
		rotateRefreshTokenOnNextRefresh: (appId) => {
			state.requireAuthorizer(appId).rotateOnNextRefresh = true;
		},
		failNext: (path, errcode, times = 1) => state.failNext(path, errcode, times),
		setIpWhitelisted: (ok) => {
			state.whitelisted = ok;
		},
		invalidateToken: (token) => state.invalidateToken(token),
		addUser: (appId, openid, info) => void state.addUser(appId, openid, info),
		createOAuthCode: (appId, openid, scope = 'snsapi_base') =>
			state.createOAuthCode(appId, openid, scope),
		setTicketPushUrl: (url) => {
			ticketPushUrl = url;
		},
		addRoute: (path, respond, ro = {}) => {
			const kind = ro.token ?? 'authorizer';
			routes[path] = (req) => {
				if (kind !== 'none') {
					const token = kind === 'component' ? componentToken(req) : req.query.access_token;
					const { errcode } = state.checkToken(token, kind);
					if (errcode) return { json: wxError(errcode) };
				}
				return { json: respond(req) };
			};
		},
		requests,
		count: (path) => counts.get(path) ?? 0,
		counts: () => Object.fromEntries(counts),
		clearRecords: () => {
			requests.length = 0;
			counts.clear();
			state.sentMessages.length = 0;
			pushes.length = 0;
		},
		pushes,
		sentMessages: state.sentMessages,
		events,
		pushTicket,
		pushAuthorizationEvent: (url, e) => {
			const acc = state.requireAuthorizer(e.authorizerAppId);
			let xml: string;
			if (e.infoType === 'unauthorized') {
				if (acc.authorized) state.unauthorize(acc.appId);
				xml = authorizationEventXml({
					componentAppId: keys.appId,
					infoType: e.infoType,
					authorizerAppId: acc.appId,
					createTime: clock.seconds(),
				});
			} else {
				const code = e.authorizationCode ?? state.createAuthorizationCode(acc.appId);
				const expiresAt = state.authCodes.get(code)?.expiresAt ?? clock.now() + AUTH_CODE_TTL_MS;
				xml = authorizationEventXml({
					componentAppId: keys.appId,
					infoType: e.infoType,
					authorizerAppId: acc.appId,
					createTime: clock.seconds(),
					authorizationCode: code,
					authorizationCodeExpiredTime: Math.floor(expiresAt / 1000),
					preAuthCode: state.createPreAuthCode(),
				});
			}
			const push = buildPush(keys, xml, {
				envelope: { appId: keys.appId },
				timestamp: String(clock.seconds()),
			});
			return emitPush('authorization', url, deliver(keys, url, push, pushTimeoutMs));
		},
		pushMessage: (url, appId, fields) => {
			const push = sim.buildMessagePush(appId, fields);
			// Like WeChat, a `$APPID$` placeholder in the message URL becomes the account's AppID.
			const target = url.split('$APPID$').join(appId);
			return emitPush('message', target, deliver(keys, target, push, pushTimeoutMs));
		},
		buildMessagePush: (appId, fields) => {
			const acc = state.requireAuthorizer(appId);
			const full: Record<string, string> = {
				ToUserName: fields.ToUserName ?? acc.userName,
				FromUserName: fields.FromUserName ?? DEFAULT_OPENID,
				CreateTime: fields.CreateTime ?? String(clock.seconds()),
				MsgType: fields.MsgType ?? 'text',
			};
			Object.assign(full, fields);
			if (full.MsgType !== 'event' && full.MsgId === undefined) full.MsgId = state.nextMsgId();
			state.recordInteraction(
				appId,
				full.FromUserName,
				full.MsgType === 'event' ? full.Event : undefined,
			);
			return buildPush(keys, buildXml(full), {
				envelope: { toUserName: acc.userName },
				openid: full.FromUserName,
				timestamp: String(clock.seconds()),
			});
		},
		sendRaw: (url, ro) =>
			emitPush(
				'raw',
				url,
				sendRaw(url, { ...ro, timeoutMs: pushTimeoutMs }).then((r) => ({
					...r,
					...decodeReply(cryptoFor(keys), r.body),
				})),
			),
		runReleaseTest: (ro) => runReleaseTest(sim, ro),
		state,
	};

	// After the merchant confirms, WeChat pushes `authorized` to the authorization-event URL too.
	const pushAuthorizedLater = (appId: string, code: string) => {
		const url = ticketPushUrl;
		if (!url) return;
		setImmediate(
			() =>
				void sim
					.pushAuthorizationEvent(url, {
						infoType: 'authorized',
						authorizerAppId: appId,
						authorizationCode: code,
					})
					.catch(() => undefined),
		);
	};

	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		void (async () => {
			try {
				const raw = await readBody(req);
				const parsed = await parseRequest(req, raw);
				const out = parsed.path.startsWith('/__sim')
					? await handleControl(parsed, sim)
					: LOGIN_PAGE_PATHS.has(parsed.path)
						? loginPage(parsed, sim, pushAuthorizedLater)
						: await handleApi(parsed);
				send(res, out);
			} catch (err) {
				if (err instanceof BodyTooLargeError)
					send(res, { json: wxError(40097, 'body too large'), status: 413 });
				else
					send(res, {
						json: { errcode: -1, errmsg: `simulator error: ${String(err)}` },
						status: 500,
					});
			}
		})();
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
	});
	const addr = server.address() as AddressInfo;
	const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
	sim.url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${addr.port}`;
	sim.close = () =>
		new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	return sim;
}
