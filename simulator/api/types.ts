import type { SimRequest, SimResponse } from '../http';
import type { Authorizer, SimState } from '../state';

export interface ApiContext {
	state: SimState;
	/** Called after a successful api_start_push_ticket (WeChat then pushes a ticket within seconds). */
	onStartPushTicket(): void;
}

export type Handler = (req: SimRequest, ctx: ApiContext) => SimResponse | Promise<SimResponse>;

export const json = (body: unknown): SimResponse => ({ json: body });

/** Tells a looked-up account from the WeChat error answer returned in its place. */
export const isResponse = (v: Authorizer | SimResponse): v is SimResponse => !('userName' in v);
