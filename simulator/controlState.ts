/**
 * `GET /__sim/state`: what the simulator holds, for e2e tests and people, with every secret-bearing
 * field (secrets, tickets, access and refresh tokens) replaced by `***`.
 */
import type { Simulator } from './types';

const SECRET_KEYS =
	/^(component_appsecret|component_secret|appsecret|secret|access_token|component_access_token|authorizer_access_token|authorizer_refresh_token|refresh_token|component_verify_ticket)$/i;

/** A copy with secret-bearing fields replaced, for anything the control API prints. */
export function redact(value: unknown, depth = 0): unknown {
	if (depth > 8 || value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
		out[k] = SECRET_KEYS.test(k) && v !== undefined && v !== '' ? '***' : redact(v, depth + 1);
	}
	return out;
}

export function stateDump(sim: Simulator) {
	const st = sim.state;
	const now = sim.clock.now();
	return {
		url: sim.url,
		component: { appId: st.component.appId },
		now,
		whitelisted: st.whitelisted,
		validTickets: [...st.tickets.keys()].filter((t) => st.ticketState(t) === 'valid').length,
		authorizers: [...st.authorizers.values()].map((a) => ({
			appId: a.appId,
			userName: a.userName,
			nickName: a.nickName,
			serviceTypeId: a.serviceTypeId,
			authorized: a.authorized,
			authTime: a.authTime,
			funcInfo: a.funcInfo,
			options: a.options,
			menu: a.menu,
			users: [...a.users.values()].map((u) => ({
				openid: u.openid,
				nickname: u.nickname,
				remark: u.remark,
				subscribed: u.subscribed,
				lastInteractionAt: u.lastInteractionAt,
			})),
		})),
		requestCounts: sim.counts(),
		recentRequests: redact(sim.requests.slice(-100)),
		sentMessages: sim.sentMessages,
		pushes: sim.pushes,
		pendingFailures: Object.fromEntries(st.failures),
		fastRegistrations: sim.fastRegistrations(),
	};
}
