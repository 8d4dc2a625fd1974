/**
 * `/cgi-bin/openapi/quota/get` and `/cgi-bin/openapi/rid/get`, with the call log they read:
 * every API call is counted per account and path (reset by a successful clear_quota), and every
 * error answer is kept under the rid its errmsg ends with, for 7 days as WeChat keeps them.
 */
import { OK, wxError } from '../errors';
import { jsonObject, type SimRequest, type SimResponse } from '../http';
import type { SimState } from '../state';
import { json, type ApiArea, type Handler } from './area';

/** Daily limits of a few APIs (WeChat's defaults for a verified Official Account); others get DEFAULT_DAILY_LIMIT. */
const DAILY_LIMITS: Readonly<Record<string, number>> = {
	'/cgi-bin/message/custom/send': 500_000,
	'/cgi-bin/message/template/send': 100_000,
	'/cgi-bin/user/info': 5_000_000,
	'/cgi-bin/user/get': 500,
	'/cgi-bin/menu/create': 1_000,
	'/cgi-bin/menu/get': 10_000,
	'/cgi-bin/media/upload': 100_000,
	'/cgi-bin/qrcode/create': 100_000,
	'/cgi-bin/component/api_component_token': 2_000,
	'/cgi-bin/component/api_authorizer_token': 100_000,
	'/cgi-bin/component/api_create_preauthcode': 100_000,
};
const DEFAULT_DAILY_LIMIT = 10_000;
/** WeChat answers rid look-ups for a week. */
const RID_KEPT_MS = 7 * 24 * 60 * 60_000;
const MAX_RIDS = 10_000;
/** Paths whose quota cannot be queried (they have none). */
const NO_QUOTA = new Set(['/cgi-bin/openapi/quota/get', '/cgi-bin/openapi/rid/get']);

interface CallRecord {
	appId: string;
	at: number;
	requestUrl: string;
	requestBody: string;
	responseBody: string;
	costMs: number;
}

interface CallLog {
	/** `<appid> <path>` → calls today. */
	used: Map<string, number>;
	rids: Map<string, CallRecord>;
}

const logs = new WeakMap<SimState, CallLog>();

function logOf(state: SimState): CallLog {
	let log = logs.get(state);
	if (!log) {
		log = { used: new Map(), rids: new Map() };
		logs.set(state, log);
	}
	return log;
}

/** Whose call it is: the token's account, else the component (token-less component endpoints). */
function callerOf(req: SimRequest, state: SimState): string {
	const token = req.query.access_token ?? req.query.component_access_token;
	return (token && state.tokens.get(token)?.appId) || state.component.appId;
}

/**
 * Called by the router after every API answer. Counts the call, remembers an error answer under
 * its rid, and resets the counts of an account whose quota was cleared.
 */
export function recordCall(
	req: SimRequest,
	res: SimResponse,
	state: SimState,
	startedAt: number,
): void {
	const log = logOf(state);
	const appId = callerOf(req, state);
	const key = `${appId} ${req.path}`;
	log.used.set(key, (log.used.get(key) ?? 0) + 1);
	if (!('json' in res) || !res.json || typeof res.json !== 'object') return;
	const body = res.json as { errcode?: unknown; errmsg?: unknown };
	if (body.errcode === 0 && /clear_quota/.test(req.path)) {
		const b = jsonObject(req);
		const cleared = typeof b.appid === 'string' ? b.appid : appId;
		for (const k of [...log.used.keys()]) if (k.startsWith(`${cleared} `)) log.used.delete(k);
		return;
	}
	if (typeof body.errcode !== 'number' || body.errcode === 0 || typeof body.errmsg !== 'string')
		return;
	const rid = /rid: ([0-9a-f-]+)$/.exec(body.errmsg)?.[1];
	if (!rid) return;
	const now = state.clock.now();
	// Like WeChat: the query as sent (the caller's own token included), the raw body and answer.
	const query = new URLSearchParams(req.query).toString();
	log.rids.set(rid, {
		appId,
		at: now,
		requestUrl: `${req.path}${query ? `?${query}` : ''}`,
		requestBody: req.rawBody.toString('utf8'),
		responseBody: JSON.stringify(res.json),
		costMs: Math.max(0, Date.now() - startedAt),
	});
	if (log.rids.size > MAX_RIDS) log.rids.delete(log.rids.keys().next().value as string);
}

/** The token's account, or an error answer (quota/get and rid/get take either token as `access_token`). */
function tokenOwner(req: SimRequest, state: SimState): string | SimResponse {
	const token = req.query.access_token;
	if (!token) return json(wxError(41001));
	const issued = state.tokens.get(token);
	const { errcode } = state.checkToken(token, issued?.kind ?? 'component');
	if (errcode) return json(wxError(errcode));
	return (issued as { appId: string }).appId;
}

const quotaGet: Handler = (req, { state }) => {
	const owner = tokenOwner(req, state);
	if (typeof owner !== 'string') return owner;
	const path = jsonObject(req).cgi_path;
	if (typeof path !== 'string' || !path.startsWith('/')) return json(wxError(76021));
	if (NO_QUOTA.has(path)) return json(wxError(76022));
	const dailyLimit = DAILY_LIMITS[path] ?? DEFAULT_DAILY_LIMIT;
	const used = Math.min(dailyLimit, logOf(state).used.get(`${owner} ${path}`) ?? 0);
	return json({
		...OK,
		quota: { daily_limit: dailyLimit, used, remain: dailyLimit - used },
		rate_limit: { call_count: 200, refresh_second: 60 },
		component_rate_limit: { call_count: 2000, refresh_second: 60 },
	});
};

const ridGet: Handler = (req, { state }) => {
	const owner = tokenOwner(req, state);
	if (typeof owner !== 'string') return owner;
	const rid = jsonObject(req).rid;
	if (typeof rid !== 'string' || !/^[0-9a-f]+(-[0-9a-f]+)+$/.test(rid)) return json(wxError(76002));
	const record = logOf(state).rids.get(rid);
	if (!record) return json(wxError(76001));
	if (record.appId !== owner) return json(wxError(76003));
	if (state.clock.now() - record.at > RID_KEPT_MS) return json(wxError(76004));
	return json({
		...OK,
		request: {
			invoke_time: Math.floor(record.at / 1000),
			cost_in_ms: record.costMs,
			request_url: record.requestUrl,
			request_body: record.requestBody,
			response_body: record.responseBody,
			client_ip: '127.0.0.1',
		},
	});
};

export const openapi: ApiArea = {
	name: 'openapi',
	routes: {
		'/cgi-bin/openapi/quota/get': quotaGet,
		'/cgi-bin/openapi/rid/get': ridGet,
	},
};
