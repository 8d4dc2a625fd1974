/**
 * `/__sim/…`: the simulator's own JSON API, the same controls as the in-process object, for e2e tests
 * that run n8n in another process and for `npm start` users. Never prints AppSecret, Token, the AES
 * key, or access/refresh tokens.
 */
import { isNativeError } from 'node:util/types';

import { BadInput, need, stringRecord, url } from './controlInput';
import { MINI_PROGRAM_CONTROLS } from './controlMiniProgram';
import { stateDump } from './controlState';
import { jsonObject, str, type SimRequest, type SimResponse } from './http';
import { confirmPage } from './fastRegistrationPage';
import { chatPage } from './page';
import type { Simulator } from './types';
import { WXA_CONTROLS } from './wxaControl';

type Action = (b: Record<string, unknown>, sim: Simulator) => unknown;

const POST: Record<string, Action> = {
	'/__sim/authorizers': (b, sim) => {
		sim.addAuthorizer({
			appId: need(b, 'appId'),
			userName: need(b, 'userName'),
			nickName: need(b, 'nickName'),
			serviceTypeId: b.serviceTypeId === undefined ? undefined : Number(b.serviceTypeId),
		});
		return { ok: true };
	},
	'/__sim/authorization-code': (b, sim) => ({
		authorizationCode: sim.createAuthorizationCode(need(b, 'authorizerAppId')),
	}),
	'/__sim/unauthorize': (b, sim) => {
		sim.unauthorize(need(b, 'authorizerAppId'));
		return { ok: true };
	},
	'/__sim/rotate-refresh-token': (b, sim) => {
		sim.rotateRefreshTokenOnNextRefresh(need(b, 'authorizerAppId'));
		return { ok: true };
	},
	'/__sim/users': (b, sim) => {
		sim.addUser(
			need(b, 'authorizerAppId'),
			need(b, 'openid'),
			(b.info ?? {}) as Record<string, never>,
		);
		return { ok: true };
	},
	'/__sim/oauth-code': (b, sim) => {
		const scope = b.scope === 'snsapi_userinfo' ? 'snsapi_userinfo' : 'snsapi_base';
		return { code: sim.createOAuthCode(need(b, 'authorizerAppId'), need(b, 'openid'), scope) };
	},
	'/__sim/ticket': (_b, sim) => ({ ticket: sim.issueTicket() }),
	'/__sim/ticket-push-url': (b, sim) => {
		sim.setTicketPushUrl(
			b.url === undefined || b.url === null || b.url === '' ? undefined : url(b),
		);
		return { ok: true };
	},
	'/__sim/push/ticket': async (b, sim) => await sim.pushTicket(url(b)),
	'/__sim/push/authorization': async (b, sim) => {
		const infoType = need(b, 'infoType');
		if (
			infoType !== 'authorized' &&
			infoType !== 'updateauthorized' &&
			infoType !== 'unauthorized'
		) {
			throw new BadInput('"infoType" must be authorized, updateauthorized or unauthorized');
		}
		return await sim.pushAuthorizationEvent(url(b), {
			infoType,
			authorizerAppId: need(b, 'authorizerAppId'),
			authorizationCode: str(b.authorizationCode),
		});
	},
	'/__sim/push/message': async (b, sim) =>
		await sim.pushMessage(url(b), need(b, 'authorizerAppId'), stringRecord(b.fields, 'fields')),
	'/__sim/push/raw': async (b, sim) =>
		await sim.sendRaw(url(b), {
			body: str(b.body) ?? '',
			query: stringRecord(b.query, 'query'),
			method: str(b.method),
			headers: stringRecord(b.headers, 'headers'),
		}),
	'/__sim/release-test': async (b, sim) =>
		await sim.runReleaseTest({
			authorizationUrl: url(b, 'authorizationUrl'),
			messageUrl: url(b, 'messageUrl'),
			apiReplyTimeoutMs:
				b.apiReplyTimeoutMs === undefined ? undefined : Number(b.apiReplyTimeoutMs),
		}),
	'/__sim/fail-next': (b, sim) => {
		const errcode = Number(b.errcode);
		const times = b.times === undefined ? 1 : Number(b.times);
		if (!Number.isInteger(errcode)) throw new BadInput('"errcode" must be an integer');
		if (!Number.isInteger(times) || times < 1 || times > 1000)
			throw new BadInput('"times" must be 1..1000');
		sim.failNext(need(b, 'path'), errcode, times);
		return { ok: true };
	},
	'/__sim/whitelist': (b, sim) => {
		if (typeof b.ok !== 'boolean') throw new BadInput('"ok" must be true or false');
		sim.setIpWhitelisted(b.ok);
		return { ok: true };
	},
	'/__sim/clock/advance': (b, sim) => {
		const ms = Number(b.ms);
		if (!Number.isFinite(ms) || ms < 0) throw new BadInput('"ms" must be a non-negative number');
		sim.clock.advance(ms);
		return { now: sim.clock.now() };
	},
	'/__sim/invalidate-token': (b, sim) => {
		sim.invalidateToken(need(b, 'token'));
		return { ok: true };
	},
	'/__sim/fast-registration/complete': async (b, sim) =>
		await sim.completeFastRegistration(need(b, 'id'), {
			approve: b.approve === undefined ? undefined : b.approve !== false,
			status: b.status === undefined ? undefined : Number(b.status),
			msg: str(b.msg),
			url: b.url === undefined ? undefined : url(b),
		}),
	'/__sim/clear-records': (_b, sim) => {
		sim.clearRecords();
		return { ok: true };
	},
	...MINI_PROGRAM_CONTROLS,
	...WXA_CONTROLS,
};

export async function handleControl(req: SimRequest, sim: Simulator): Promise<SimResponse> {
	if (req.method === 'GET' && (req.path === '/__sim' || req.path === '/__sim/')) {
		return {
			status: 200,
			headers: { 'content-type': 'text/html; charset=utf-8' },
			body: chatPage(),
		};
	}
	if (req.method === 'GET' && req.path === '/__sim/state') return { json: stateDump(sim) };
	if (req.method === 'GET' && req.path === '/__sim/fast-registration/confirm')
		return await confirmPage(req.query.id ?? '', sim);
	const action = POST[req.path];
	if (!action)
		return { status: 404, json: { error: `no control endpoint ${req.method} ${req.path}` } };
	if (req.method !== 'POST') return { status: 405, json: { error: 'use POST' } };
	if (req.badJson) return { status: 400, json: { error: 'the body must be JSON' } };
	try {
		return { json: await action(jsonObject(req), sim) };
	} catch (err) {
		// isNativeError, not instanceof: Node's socket errors come from another realm under Jest.
		const message = isNativeError(err) ? err.message : String(err);
		// A push that could not reach its URL is the target's problem (502); the rest are caller mistakes.
		const network = isNativeError(err) && typeof (err as NodeJS.ErrnoException).code === 'string';
		return { status: network ? 502 : 400, json: { error: message } };
	}
}
