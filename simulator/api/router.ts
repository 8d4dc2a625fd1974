/**
 * Serves api.weixin.qq.com paths: injected failures and the IP whitelist first (as WeChat checks them
 * before anything else), then the handler of the path from API_AREAS or addRoute.
 */
import { wxError } from '../errors';
import type { SimRequest, SimResponse } from '../http';
import type { SentMessage } from '../model';
import type { ApiContext, Handler } from './area';
import { checkRouteToken } from './guards';
import { API_AREAS } from './index';
import { recordCall } from './openapi';

export type RouteToken = 'authorizer' | 'component' | 'none';

export class ApiRouter {
	private readonly routes = new Map<string, Handler>();

	/** @param onSent called for each message a handler accepted (customer-service, template, typing). */
	constructor(
		private readonly ctx: ApiContext,
		private readonly onSent: (m: SentMessage) => void,
	) {
		for (const area of API_AREAS) {
			for (const [path, handler] of Object.entries(area.routes)) {
				if (this.routes.has(path)) throw new Error(`${path} is served by two API areas`);
				this.routes.set(path, handler);
			}
		}
	}

	/** Answers `path` with `respond` (for APIs the simulator does not emulate); tokens are checked first. */
	addRoute(path: string, respond: (req: SimRequest) => unknown, token: RouteToken): void {
		this.routes.set(path, (req, { state }) => {
			return checkRouteToken(req, state, token) ?? { json: respond(req) };
		});
	}

	async handle(req: SimRequest): Promise<SimResponse> {
		const startedAt = Date.now();
		const out = await this.answer(req);
		recordCall(req, out, this.ctx.state, startedAt);
		return out;
	}

	private async answer(req: SimRequest): Promise<SimResponse> {
		const { state } = this.ctx;
		const failure = state.takeFailure(req.path);
		if (failure !== undefined) return { json: wxError(failure) };
		if (!state.whitelisted) return { json: wxError(61004) };
		const handler = this.routes.get(req.path);
		if (!handler) return { json: wxError(40066, `the simulator does not emulate ${req.path}`) };
		if (req.badJson && req.method === 'POST' && !req.form && req.path !== '/cgi-bin/media/get') {
			return { json: wxError(47001) };
		}
		const before = state.sentMessages.length;
		const out = await handler(req, this.ctx);
		for (const m of state.sentMessages.slice(before)) this.onSent(m);
		return out;
	}
}
