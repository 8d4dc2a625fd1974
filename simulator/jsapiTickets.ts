/**
 * JS-SDK tickets as WeChat issues them to an Official Account: `/cgi-bin/ticket/getticket?type=jsapi`
 * gives a ticket living 7200 s (the simulator's token lifetime) with a daily call quota per account
 * (45009 beyond it), and a page's wx.config is accepted when its signature matches a live ticket
 * (https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html, appendix 1).
 * Kept beside SimState (one per simulator), not in it.
 */
import { createHash } from 'node:crypto';

import type { SimState } from './state';
import { randomToken } from './state';

/** getticket calls per account per (simulated) day; change with `jsapiTickets(state).dailyQuota`. */
export const GETTICKET_DAILY_QUOTA = 1000;
const DAY_MS = 24 * 3600_000;

export interface JsapiTicketState {
	dailyQuota: number;
	/** ticket → account and expiry. */
	tickets: Map<string, { appId: string; expiresAt: number }>;
	/** `<appId>:<day>` → getticket calls that day. */
	calls: Map<string, number>;
}

const ALL = new WeakMap<SimState, JsapiTicketState>();

export function jsapiTickets(state: SimState): JsapiTicketState {
	let entry = ALL.get(state);
	if (!entry) {
		entry = { dailyQuota: GETTICKET_DAILY_QUOTA, tickets: new Map(), calls: new Map() };
		ALL.set(state, entry);
	}
	return entry;
}

/** A new ticket for `appId`, or 45009 when today's quota is spent. Older tickets stay valid. */
export function issueJsapiTicket(state: SimState, appId: string): string | 45009 {
	const t = jsapiTickets(state);
	const day = `${appId}:${Math.floor(state.clock.now() / DAY_MS)}`;
	const used = t.calls.get(day) ?? 0;
	if (used >= t.dailyQuota) return 45009;
	t.calls.set(day, used + 1);
	const ticket = randomToken('', 64);
	t.tickets.set(ticket, { appId, expiresAt: state.clock.now() + state.tokenTtlSeconds * 1000 });
	return ticket;
}

/** What wx.config in a page checks: the signature over a ticket of this account that is still live. */
export function verifyJsSdkSignature(
	state: SimState,
	o: { appId: string; url: string; nonceStr: string; timestamp: string; signature: string },
): boolean {
	const now = state.clock.now();
	for (const [ticket, entry] of jsapiTickets(state).tickets) {
		if (entry.appId !== o.appId || now >= entry.expiresAt) continue;
		const plain = `jsapi_ticket=${ticket}&noncestr=${o.nonceStr}&timestamp=${o.timestamp}&url=${o.url.split('#', 1)[0]}`;
		if (createHash('sha1').update(plain).digest('hex') === o.signature) return true;
	}
	return false;
}
