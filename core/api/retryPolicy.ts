import type { ApiRequest } from './types';

/**
 * Which calls may be repeated after WeChat answered -1 ("system busy", documented as "retry
 * later"). WeChat does not say whether a busy answer means nothing happened, so:
 * - reads, token and authorization calls, and writes that set a state (menu, remark, option)
 *   are retried with backoff: doing them twice has the same effect as once;
 * - sending a message to users (`/cgi-bin/message/...`: customer-service, template, mass and
 *   subscribe messages) is never repeated: a second request could deliver the message twice.
 *   The caller gets WeChatDeliveryUnknownError and decides. The typing indicator is a state
 *   and is retried.
 */
export function mayRetryBusy(req: Pick<ApiRequest, 'method' | 'path'>): boolean {
	return !isMessageSend(req);
}

/** A request that delivers something to users, which must not be repeated silently. */
export function isMessageSend(req: Pick<ApiRequest, 'method' | 'path'>): boolean {
	if (req.method !== 'POST') return false;
	const path = req.path.split('?', 1)[0].replace(/\/+$/, '');
	return path.startsWith('/cgi-bin/message/') && path !== '/cgi-bin/message/custom/typing';
}

/** Network failures are retried only for GET: a POST may have reached WeChat before the failure. */
export function mayRetryNetwork(req: Pick<ApiRequest, 'method'>, status?: number): boolean {
	return req.method === 'GET' && (status === undefined || status >= 500);
}
