import type { SimRequest, SimResponse } from '../http';
import type { SimState } from '../state';

export interface ApiContext {
	state: SimState;
	/** Called after a successful api_start_push_ticket (WeChat then pushes a ticket within seconds). */
	onStartPushTicket(): void;
}

export type Handler = (req: SimRequest, ctx: ApiContext) => SimResponse | Promise<SimResponse>;

export const json = (body: unknown): SimResponse => ({ json: body });
