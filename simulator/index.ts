/**
 * A local WeChat: an API emulator (component + on-behalf endpoints, state in memory, times by a
 * simulated clock) and WeChat's push side (tickets, authorization events, user messages), over real
 * HTTP. Used by the integration/e2e tests and by `npm start`. See simulator/README.md.
 *
 * This file wires the parts together: state.ts (what WeChat knows), api/ (the emulated APIs),
 * pusher.ts (pushes to the platform), records.ts (what was seen), control.ts (`/__sim/`),
 * loginPage.ts (the authorization page) and server.ts (HTTP).
 */
import { ApiRouter } from './api/router';
import { SimClock } from './clock';
import { handleControl } from './control';
import { completeFastRegistration } from './fastRegistration';
import type { SimRequest, SimResponse } from './http';
import { LOGIN_PAGE_PATHS, loginPage } from './loginPage';
import { Pusher } from './pusher';
import { Records } from './records';
import { runReleaseTest } from './release';
import { listen } from './server';
import { SimState } from './state';
import type { Simulator, SimulatorOptions } from './types';
import { AuditDesk } from './wxaAudit';
import { addDraft, codeOf } from './wxaModel';

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
} from './model';
export type { FastRegistrationTask } from './fastRegistrationState';
export { RELEASE_TEST_ACCOUNT, RELEASE_TEST_OPENID } from './release';
export type {
	PushEvent,
	PushKind,
	RecordedRequest,
	ReleaseReport,
	ReleaseStep,
	Simulator,
	SimulatorOptions,
} from './types';
export { randomAppId, randomComponentConfig, randomEncodingAESKey } from './keys';

export async function startSimulator(o: SimulatorOptions): Promise<Simulator> {
	const clock = new SimClock();
	const state = new SimState(o.component, clock, o.tokenTtlSeconds ?? 7200);
	const records = new Records(state.sentMessages);
	const pusher = new Pusher(state, records, {
		timeoutMs: o.pushTimeoutMs ?? 5000,
		ticketPushUrl: o.ticketPushUrl,
	});
	const audits = new AuditDesk(state, pusher);
	const router = new ApiRouter(
		{
			state,
			userPageSize: o.userPageSize ?? 10000,
			onStartPushTicket: () => pusher.pushTicketSoon(),
			onAuditSubmitted: (audit) => audits.submitted(audit),
		},
		(m) => records.sent(m),
	);

	const sim: Simulator = {
		url: '',
		close: () => Promise.resolve(),
		clock: { now: () => clock.now(), advance: (ms) => clock.advance(ms) },
		state,
		// The account side: what merchants and users do at WeChat.
		issueTicket: () => state.issueTicket(),
		addAuthorizer: (a) => void state.addAuthorizer(a),
		createAuthorizationCode: (appId) => state.createAuthorizationCode(appId),
		unauthorize: (appId) => state.unauthorize(appId),
		rotateRefreshTokenOnNextRefresh: (appId) => {
			state.requireAuthorizer(appId).rotateOnNextRefresh = true;
		},
		addUser: (appId, openid, info) => void state.addUser(appId, openid, info),
		createOAuthCode: (appId, openid, scope = 'snsapi_base') =>
			state.createOAuthCode(appId, openid, scope),
		// Faults and extensions of the API side.
		failNext: (path, errcode, times = 1) => state.failNext(path, errcode, times),
		setIpWhitelisted: (ok) => {
			state.whitelisted = ok;
		},
		invalidateToken: (token) => state.invalidateToken(token),
		addRoute: (path, respond, ro = {}) => router.addRoute(path, respond, ro.token ?? 'authorizer'),
		// Records.
		requests: records.requests,
		count: (path) => records.count(path),
		counts: () => records.counts(),
		clearRecords: () => records.clear(),
		pushes: records.pushes,
		sentMessages: state.sentMessages,
		events: records.events,
		// Pushes.
		setTicketPushUrl: (url) => {
			pusher.ticketPushUrl = url;
		},
		pushTicket: (url) => pusher.pushTicket(url),
		pushAuthorizationEvent: (url, e) => pusher.pushAuthorizationEvent(url, e),
		pushMessage: (url, appId, fields) => pusher.pushMessage(url, appId, fields),
		buildMessagePush: (appId, fields) => pusher.buildMessagePush(appId, fields),
		sendRaw: (url, ro) => pusher.sendRaw(url, ro),
		runReleaseTest: (ro) => runReleaseTest(sim, ro),
		fastRegistrations: () => [...state.fastRegistrations.tasks.values()],
		completeFastRegistration: async (id, ro = {}) => {
			const { task, xml } = completeFastRegistration(state, id, ro);
			const url = ro.url ?? pusher.ticketPushUrl;
			return { task, push: url ? await pusher.pushNotification(url, xml) : undefined };
		},
		wxa: {
			addDraft: (d) => addDraft(state, d),
			configureAudits: (s) => audits.configure(s),
			decideAudit: (appId, outcome, d) => audits.decide(appId, outcome, d),
			code: (appId) => codeOf(state, appId),
		},
	};

	const dispatch = async (req: SimRequest): Promise<SimResponse> => {
		if (req.path.startsWith('/__sim')) return await handleControl(req, sim);
		if (LOGIN_PAGE_PATHS.has(req.path))
			return loginPage(req, state, (appId, code) => pusher.pushAuthorizedSoon(appId, code));
		records.request(req, clock.now());
		return await router.handle(req);
	};
	const server = await listen({ port: o.port, host: o.host }, dispatch);
	sim.url = server.url;
	sim.close = () => {
		audits.close();
		return server.close();
	};
	return sim;
}
