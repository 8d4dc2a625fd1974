/**
 * One group of emulated WeChat APIs (`ApiArea`) and what its handlers may use (`ApiContext`). The
 * router serves every area listed in api/index.ts, so adding an area needs no hand-kept path map.
 */
import type { SimRequest, SimResponse } from '../http';
import type { SimState } from '../state';
import type { Audit } from '../wxaModel';

export interface ApiContext {
	state: SimState;
	/** Page size of /cgi-bin/user/get (WeChat: 10000). */
	userPageSize: number;
	/** Called after a successful api_start_push_ticket (WeChat then pushes a ticket within seconds). */
	onStartPushTicket(): void;
	/** Called after a successful /wxa/submit_audit (the audit then ends by delay or control). */
	onAuditSubmitted?(audit: Audit): void;
}

export type Handler = (req: SimRequest, ctx: ApiContext) => SimResponse | Promise<SimResponse>;

export interface ApiArea {
	/** For messages and docs, e.g. "component". */
	name: string;
	/** Request path → handler. */
	routes: Readonly<Record<string, Handler>>;
}

export const json = (body: unknown): SimResponse => ({ json: body });
