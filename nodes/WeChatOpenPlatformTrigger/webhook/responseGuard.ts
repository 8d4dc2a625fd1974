import type { ServerResponse } from 'node:http';

import { SUCCESS, TEXT } from './http';

const GUARDED = Symbol.for('n8n-nodes-wechat-open-platform.responseGuard');

/**
 * In "Reply With the WeChat Open Platform Node" mode n8n holds WeChat's request until a node
 * answers. When a node fails first, n8n 2.x answers 500 `{"message":"Error in workflow"}`, which
 * WeChat shows to the user as "this account cannot provide service". n8n offers no setting for
 * that, so this request's own response object turns any 5xx it is about to send into the plain
 * `success` WeChat accepts silently. It touches nothing but this one response, and only while
 * nothing has been sent yet; replies and the empty 200 of a run without a reply pass unchanged.
 */
export function guardWeChatResponse(res: ServerResponse): void {
	const target = res as ServerResponse & { [GUARDED]?: true };
	if (target[GUARDED]) return;
	target[GUARDED] = true;
	const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
	(res as { end: unknown }).end = (...args: unknown[]): ServerResponse => {
		if (!res.headersSent && res.statusCode >= 500) {
			res.statusCode = 200;
			res.removeHeader('Content-Length');
			res.removeHeader('Content-Encoding');
			res.removeHeader('ETag');
			res.setHeader('Content-Type', TEXT);
			return end(SUCCESS);
		}
		return end(...args);
	};
}
